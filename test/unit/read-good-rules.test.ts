/**
 * The fast reading of a rules file stands in front of zod: it must never accept a file that
 * parseRules refuses, and what it accepts must be parseRules' RuleSet. A differential test over
 * generated rules files, good and bad; the shape check it uses is generated from the same schema
 * and committed (src/core/rules-shape.js), and must be what the generator makes of it today.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_SHAPE, rulesValidatorCode } from '../../scripts/rules-validator.js';
import { parseRules } from '../../src/core/parse-rules.js';
import { readGoodRules } from '../../src/core/read-good-rules.js';
import type { RuleSet } from '../../src/core/rules.js';
import { iterations, seededWholes, shown } from '../helpers/generative.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const GUID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';

const BRANCHES = ['main', 'release/**', '!release/legacy-*', '/^hotfix-\\d+$/', 'feature/*'];
const KEYS = ['name', 'branches', 'tags', 'job', 'parameters', 'project', 'api', 'approve'];
/** Values a field may not (or may only sometimes) take. */
const WRONG: Record<string, unknown[]> = {
  name: ['', 1, null],
  branches: [
    [],
    [''],
    ['!'],
    ['!!a'],
    ['!main'],
    ['/[/'],
    ['/(a+)+$/'],
    ['+(a|aa)'],
    ['x'.repeat(1001)],
    'main',
  ],
  tags: [[], [1], ['/x']],
  job: ['', 'x'.repeat(513), 5],
  parameters: [
    JSON.parse('{"__proto__": "x"}'),
    { constructor: 'x' },
    { '': 1 },
    { ['x'.repeat(129)]: 1 },
    { a: 1.5 },
    { a: 2 ** 60 },
    { a: 'y'.repeat(513) },
    { a: null },
    { target_job: 'x' },
    { target_sha: 'x' },
    { CIRCLE_JOB: 'x' },
    {},
    [],
  ],
  project: ['gh/acme', 'gh/../b', 'gh/a/..', 'gl/a/b', 'circleci/x/y'],
  api: ['v3', 'V2', null],
  approve: ['', 'hold'],
  definitionId: ['nope', `${GUID}0`, GUID],
};

function generator(seed: number) {
  const next = seededWholes(seed);
  const pick = <T>(values: readonly T[]): T => values[next(values.length)] as T;
  const strings = [
    ...['main', 'release/**', '!release/legacy-*', '/^hotfix-\\d+$/', 'v*.*.*', '', '!', '!!a'],
    ...['deploy', 'x'.repeat(129), 'y'.repeat(513), '😀'.repeat(70), '__proto__', 'constructor'],
    ...['gh/acme/shop', 'bb/a/b', 'circleci/x/y', 'gh/../b', 'gh/a', 'v2', 'v1.1', 'first', 'all'],
    ...[GUID, GUID.toUpperCase(), `${GUID}0`, 'target_job', 'target_sha', 'DEPLOY_ENV', '1a', ' '],
    ...['/(a+)+$/', '+(a|aa)', '/[/', '/x', 'a\u0000b', '\ud800'],
  ];
  const oddValues = [null, true, false, 0, 1, -1, 1.5, 2 ** 60, [], {}, 0.5];
  const value = (depth: number): unknown => {
    const kind = next(10);
    if (kind < 5) return pick(strings);
    if (kind < 7 || depth > 2) return pick(oddValues);
    if (kind < 9) return Array.from({ length: next(4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: next(4) }, () => [pick(strings), value(depth + 1)]),
    );
  };
  /** A rule that is right, or with one field made wrong (or odd) in `mutate` of the cases. */
  const rule = (mutate: boolean) => {
    const out: Record<string, unknown> = {};
    if (next(2)) out.name = pick(['staging', 'prod', 'a b', '\u001b']);
    const kind = next(3);
    if (kind !== 1) out.branches = Array.from({ length: 1 + next(3) }, () => pick(BRANCHES));
    if (kind !== 0) out.tags = [pick(['v*', 'v*.*.*', '/^v\\d+$/', 'svc@v*'])];
    if (next(6) === 0) out.approve = pick(['hold', 'approve_deploy']);
    else {
      out.job = pick(['deploy', 'deploy_staging']);
      if (next(3) === 0)
        out.parameters = { [pick(['DEPLOY_ENV', 'n', 'a-b'])]: pick(['x', 1, true]) };
      if (next(5) === 0) out.project = pick(['gh/acme/shop', 'circleci/o/p', 'bb/a/b']);
      if (next(5) === 0) out.api = pick(['v2', 'v1.1']);
      if (next(8) === 0) out.definitionId = pick([GUID, GUID.toUpperCase()]);
    }
    if (mutate) {
      const key = pick([...KEYS, 'bogus']);
      out[key] = next(3) === 0 ? value(1) : pick(WRONG[key] ?? [1]);
    }
    return out;
  };
  return (): string => {
    const file: Record<string, unknown> = {
      rules: Array.from({ length: next(5) }, () => rule(next(3) === 0)),
    };
    if (next(4) === 0) file.api = pick(['v2', 'v1.1', 'v9']);
    if (next(4) === 0) file.match = pick(['first', 'all', 'any']);
    if (next(5) === 0) file.jobParameter = pick(['target_job', 'target_sha', '', 'job']);
    if (next(5) === 0) file.shaParameter = pick([null, 'target_sha', 'target_job', 'sha']);
    if (next(6) === 0) file.definitionId = pick([GUID, 'x']);
    if (next(8) === 0) file.$schema = pick(['https://x', 1]);
    if (next(12) === 0) file[pick(strings)] = value(0);
    const whole = next(20) === 0 ? value(0) : file;
    // JSON that JSON.parse reads as Infinity, and text that is no JSON.
    const text = JSON.stringify(whole).replaceAll('0.5', next(2) ? '1e400' : '0.25');
    return next(40) === 0 ? `${text},` : next(40) === 0 ? `\uFEFF${text}` : text;
  };
}

function fullParse(text: string): RuleSet | undefined {
  try {
    return parseRules(text, 'rules.json');
  } catch {
    return undefined;
  }
}

describe('readGoodRules agrees with parseRules', () => {
  const files = iterations(10_000);
  it(`accepts only what parseRules accepts, with the same RuleSet, for ${shown(files)} generated files`, () => {
    const nextFile = generator(20261129);
    let accepted = 0;
    let refused = 0;
    for (let n = 0; n < files; n++) {
      const text = nextFile();
      const fast = readGoodRules(text);
      const full = fullParse(text);
      if (fast === undefined) refused++;
      else accepted++;
      // Never looser, and as strict: a good file never takes the slow path.
      expect({ text, fast }).toEqual({ text, fast: full });
    }
    // a tenth of each at least
    expect(accepted).toBeGreaterThan(files / 10);
    expect(refused).toBeGreaterThan(files / 10);
  });

  it('with the committed shape check, which is what scripts/rules-validator.js makes of the schema', async () => {
    const committed = readFileSync(join(ROOT, RULES_SHAPE), 'utf8');
    const generated = await rulesValidatorCode(ROOT);
    // After a change of src/core/rules-schema.ts: node scripts/rules-validator.js
    expect(committed === generated, `${RULES_SHAPE} is out of date`).toBe(true);
  });
});
