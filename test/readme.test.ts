/**
 * What the README states that the code, the orb and CI decide: the keys of the rules file, where
 * the orb's parameters are listed, the Node versions that are tested, and the quick start's production rule.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateRules } from '../src/core/decide.js';
import { parseRules } from '../src/core/parse-rules.js';
import { ruleSchema, rulesFileSchema } from '../src/core/rules-schema.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');
/** The README's text with each run of white space as one space, as it reads. */
const prose = readme.replace(/\s+/g, ' ');

/** The body rows of the README table whose first header cell is `first`, cells trimmed. */
function table(first: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\| ${first} +\\|`).test(line));
  expect(start, `a table headed "${first}"`).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}
const unquote = (cell = '') => cell.replace(/^`|`$/g, '');

describe('README.md', () => {
  it('lists every key of the rules file, and where it goes, in the key table', () => {
    const where: Record<string, string[]> = {};
    for (const key of Object.keys(rulesFileSchema.shape).filter((k) => k !== 'rules'))
      where[key] = ['file'];
    where.rules = ['file'];
    for (const key of Object.keys(ruleSchema.shape)) where[key] = [...(where[key] ?? []), 'rule'];
    const listed = Object.fromEntries(
      table('key').map(([key, at]) => [unquote(key), (at ?? '').split(', ')]),
    );
    expect(listed).toEqual(where);
  });

  it("leaves the orb's parameters to orb/README.md, which a test holds to the orb", () => {
    expect(readme).toContain('Every parameter is listed in [`orb/README.md`](orb/README.md).');
    expect(readme).not.toMatch(/^\| parameter /m);
  });

  it('names the Node versions that .ci/run and .circleci/config.yml test, and the floor of engines', () => {
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
    expect(prose).toContain(
      `Node ${versions[0]} (the oldest that \`engines\` allows) and the latest Node ${list(versions.slice(1))}`,
    );
    expect(prose).toContain(`\`cimg/node\` images ${list(images)}.`);
    expect(prose).toContain(`needs Node.js ${floor} or later`);
  });

  it('quick start: the production rule deploys release tags, not pre-releases', () => {
    const quickStart = readme.slice(
      readme.indexOf('## Quick start'),
      readme.indexOf('## Rules file'),
    );
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
