/**
 * What the README states that the code, the orb and CI decide: the keys of the rules file, the
 * orb's parameters, the Node versions that are tested, and the quick start's production rule.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateRules } from '../src/decide.js';
import { parseRules } from '../src/parse-rules.js';
import { ruleSchema, rulesFileSchema } from '../src/rules-schema.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');

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

  it("lists every parameter of the orb's run command with its type and default", () => {
    const command = parse(read('orb/commands/run.yml')) as {
      parameters: Record<string, { type: string; default: unknown }>;
    };
    const listed = table('parameter').map(([name, type, fallback]) => [
      unquote(name),
      type,
      unquote(fallback),
    ]);
    expect(listed).toEqual(
      Object.entries(command.parameters).map(([name, p]) => [
        name,
        p.type,
        p.default === '' ? '""' : String(p.default),
      ]),
    );
  });

  it('names the Node versions that .ci/run and .circleci/config.yml test, and the floor of engines', () => {
    const majors = /^for major in ([\d ]+); do$/m.exec(read('.ci/run'))?.[1]?.split(' ') ?? [];
    const circleci = parse(read('.circleci/config.yml')) as {
      workflows: { ci: { jobs: Array<{ test?: { matrix: { parameters: { node: string[] } } } }> } };
    };
    const images = circleci.workflows.ci.jobs.flatMap(
      (job) => job.test?.matrix.parameters.node ?? [],
    );
    expect(images.map((image) => image.split('.')[0])).toEqual(majors);
    expect(readme).toContain(
      `Tested on Node 20, ${majors.slice(0, -1).join(', ')} and ${majors.at(-1)}.`,
    );
    expect(readme).toContain(
      `\`cimg/node\` images ${images.slice(0, -1).join(', ')} and ${images.at(-1)}.`,
    );
    const floor = /^>=(\d+\.\d+)$/.exec(JSON.parse(read('package.json')).engines.node)?.[1];
    expect(readme).toContain(`needs Node.js ${floor} or later`);
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
