/**
 * The README as npmjs.com shows it, where it is the only file of the package a reader sees: short
 * (under 15 KB, far under npm's cut at 65,536 characters), its links absolute to the repository
 * or to its own headings, for users (contributor matters are in CONTRIBUTING.md), and true: the
 * Node versions that CI tests, the quick start's production rule, the headings the CLI's messages
 * send readers to, an index of every page of docs/.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateRules } from '../src/core/decide.js';
import { parseRules } from '../src/core/parse-rules.js';
import {
  anchors,
  filesUnder,
  headings,
  links,
  markdownFiles,
  REPOSITORY,
  read,
} from './helpers/markdown.js';
import { ROOT } from './helpers/run-bin.js';

const readme = read('README.md');
/** The README's text with each run of white space as one space, as it reads. */
const prose = readme.replace(/\s+/g, ' ');
const BLOB = `${REPOSITORY}/blob/main/`;
const TREE = `${REPOSITORY}/tree/main/`;

describe('README.md on npmjs.com', () => {
  it('is under 15 KB, and under the 65,536 characters npm shows of a readme', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(15_000);
    expect(readme.length).toBeLessThan(65_536);
  });

  it('links only to absolute addresses or to its own headings, none dead', () => {
    const own = anchors(readme);
    const found = links(readme);
    expect(found.length).toBeGreaterThan(10);
    for (const link of found) {
      if (link.startsWith('#')) {
        expect(own, link).toContain(link.slice(1));
        continue;
      }
      expect(link, 'npmjs.com ships no file but README.md: link absolutely').toMatch(/^https:\/\//);
      if (!link.startsWith(REPOSITORY)) continue;
      // a file or folder of this repository, on its default branch, and the heading it names
      const [path = '', anchor] = link.replace(BLOB, '').replace(TREE, '').split('#');
      expect(link.startsWith(BLOB) || link.startsWith(TREE), link).toBe(true);
      expect(existsSync(join(ROOT, path)), link).toBe(true);
      expect(statSync(join(ROOT, path)).isDirectory(), link).toBe(link.startsWith(TREE));
      if (anchor !== undefined) expect(anchors(read(path)), link).toContain(anchor);
    }
  });

  it('links the CHANGELOG, CONTRIBUTING.md and every page of docs/', () => {
    const found = new Set(links(readme));
    for (const page of ['CHANGELOG.md', 'CONTRIBUTING.md', ...markdownFiles('docs')])
      expect(found, page).toContain(`${BLOB}${page}`);
  });

  it('leaves contributor matters to CONTRIBUTING.md', () => {
    // the user's own `npm ci && npm test` may stand in a config; this project's commands may not
    for (const word of ['npm run', 'allowScripts', 'esbuild', 'vitest', '.ci/run', 'bench'])
      expect(readme, word).not.toContain(word);
    expect(readme.replace(/^```[\s\S]*?^```$/gm, '')).not.toMatch(/npm (ci|test)/);
  });

  it('has the headings the CLI names in its messages ("see ... in the README")', () => {
    const named = new Set(
      filesUnder('src', '.ts').flatMap((file) =>
        [...read(file).matchAll(/see "([^"]+)" in the README/g)].map((m) => m[1] ?? ''),
      ),
    );
    expect(named.size).toBeGreaterThan(0);
    for (const heading of named) expect(headings(readme), heading).toContain(heading);
  });

  it("leaves the orb's parameters to orb/README.md, which a test holds to the orb", () => {
    expect(readme).not.toMatch(/^\| parameter /m);
    expect(read('docs/orb.md')).toContain('[`orb/README.md`](../orb/README.md)');
  });
});

describe('what the README says', () => {
  it('names the Node versions that CI tests, and the floor of engines', () => {
    const versions = /^for version in ([\d. ]+); do$/m.exec(read('.ci/run'))?.[1]?.split(' ') ?? [];
    const majors = [...new Set(versions.map((version) => version.split('.')[0] ?? ''))];
    const floor = /^>=(\d+\.\d+)$/.exec(JSON.parse(read('package.json')).engines.node)?.[1];
    expect(versions[0]).toBe(`${floor}.0`);
    const circleci = parse(read('.circleci/config.yml')) as {
      workflows: { ci: { jobs: Array<{ test?: { matrix: { parameters: { node: string[] } } } }> } };
    };
    const images = circleci.workflows.ci.jobs.flatMap(
      (job) => job.test?.matrix.parameters.node ?? [],
    );
    expect(images.map((image) => image.split('.')[0])).toEqual(majors.slice(1));
    const list = (items: string[]) => `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
    expect(prose).toContain(`Tested on Node ${list(majors)}.`);
    expect(prose).toContain(`needs Node.js ${floor} or later`);
    // the details of how, for contributors
    const contributing = read('CONTRIBUTING.md').replace(/\s+/g, ' ');
    expect(contributing).toContain(
      `Node ${versions[0]} (the oldest that \`engines\` allows) and the latest Node ${list(versions.slice(1))}`,
    );
    expect(contributing).toContain(`\`cimg/node\` images ${list(images)}.`);
    expect(contributing).toContain(`Node.js ${floor} or later`);
  });

  it('quick start: the production rule deploys release tags, not pre-releases', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const json = /```json\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';
    const rules = parseRules(json, 'quick start');
    const fires = (tag: string) =>
      evaluateRules(rules, { kind: 'tag', name: tag })
        .filter((evaluation) => evaluation.matched)
        .map((evaluation) => evaluation.rule.name);
    expect(fires('v1.2.3')).toEqual(['production']);
    expect(fires('v10.0.12')).toEqual(['production']);
    expect(fires('v1.2.3-rc.1')).toEqual([]);
    expect(fires('v1.2.3+build.5')).toEqual([]);
  });
});

describe('CONTRIBUTING.md', () => {
  const contributing = read('CONTRIBUTING.md');

  it('gives a fresh clone one command to see it work and one to run the tests', () => {
    expect(contributing).toContain('npm ci && npm run demo');
    expect(contributing).toContain('npm ci && npm test');
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.demo).toBeDefined();
    expect(scripts.test).toBeDefined();
    // what CI runs on a fresh clone runs the same tests
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
});
