/**
 * The config check is bounded: beyond 5 MB, 1,000 levels, 100 aliases, 1,000,000 values once
 * aliases are resolved, 2 s of work, or on a parser failure, the config is not checked (a failed
 * read, which `validate` counts as a problem) and nothing crashes or stalls.
 */
import { describe, expect, it } from 'vitest';
import { configRegex } from '../../src/config-check/config-regex.js';
import { checkConfigFile, configOf } from '../../src/config-check/index.js';
import { parseRules } from '../../src/core/parse-rules.js';
import {
  aliasedIntoWorkflows,
  backtracking,
  deeplyNested,
  longChain,
} from '../helpers/hostile-configs.js';

const whyNot = (text: string) => {
  const loaded = configOf(text, 'c.yml');
  return loaded.status === 'unchecked'
    ? { reason: loaded.reason, failed: loaded.failed }
    : loaded.status;
};
const STAGING = parseRules(
  JSON.stringify({ rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] }),
  'rules.json',
);

describe('reading a config within the bounds', () => {
  it('refuses more than 5 MB before parsing it', () => {
    const text = `version: 2.1\nx: "${'a'.repeat(5_000_001)}"\n`;
    expect(whyNot(text)).toEqual({
      reason: 'c.yml is not checked against the rules: it is larger than 5 MB (5,000,020 bytes)',
      failed: true,
    });
  });

  it('refuses a config nested 5,000 levels deep (the parser runs out of stack, or the bound is passed)', () => {
    const text = deeplyNested();
    expect(text.length).toBeLessThan(11_000);
    expect(whyNot(text)).toEqual({
      reason: expect.stringMatching(
        /^c\.yml is not checked against the rules: (the YAML parser ran out of stack \(the file nests too deeply\)|it nests deeper than 1,000 levels .*)$/,
      ),
      failed: true,
    });
  });

  it('counts nesting with aliases resolved: 600 levels inside 500 is more than 1,000', () => {
    const deep = (levels: number, inner: string) =>
      `${'{a: '.repeat(levels)}${inner}${'}'.repeat(levels)}`;
    expect(whyNot(`version: 2.1\nbase: &b ${deep(600, '1')}\nmore: ${deep(390, '*b')}\n`)).toBe(
      'loaded',
    );
    expect(whyNot(`version: 2.1\nbase: &b ${deep(600, '1')}\nmore: ${deep(500, '*b')}\n`)).toEqual({
      reason:
        'c.yml is not checked against the rules: it nests deeper than 1,000 levels at line 3, column 407',
      failed: true,
    });
  });

  it('refuses more than 100 aliases', () => {
    const aliases = (n: number) =>
      `version: 2.1\na: &a [x]\nb: [${Array(n).fill('*a').join(', ')}]\n`;
    expect(whyNot(aliases(100))).toBe('loaded');
    expect(whyNot(aliases(101))).toEqual({
      reason: 'c.yml is not checked against the rules: it has more than 100 aliases',
      failed: true,
    });
  });

  it('refuses more than 1,000,000 values once aliases are resolved, without resolving them', () => {
    const started = performance.now();
    expect(whyNot(aliasedIntoWorkflows(20_000, 99))).toEqual({
      reason:
        'c.yml is not checked against the rules: its aliases expand it to more than 1,000,000 values',
      failed: true,
    });
    expect(whyNot(aliasedIntoWorkflows())).toEqual({
      reason: 'c.yml is not checked against the rules: it has more than 100 aliases',
      failed: true,
    });
    // Generous: a resolution of the aliases alone took 45 s and 3.66 GB.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses an alias inside the value it names, and a key twice in one map', () => {
    expect(whyNot('version: 2.1\nw: &w { and: [true, *w] }\n')).toEqual({
      reason:
        'c.yml is not checked against the rules: an alias at line 2, column 21 refers to a value that contains it',
      failed: true,
    });
    expect(whyNot('version: 2.1\njobs:\n  a: {}\n  a: {}\n')).toEqual({
      reason:
        'c.yml is not checked against the rules: the key "a" at line 4, column 3 appears twice in one map',
      failed: true,
    });
  });

  it('counts a YAML syntax error as a failed read', () => {
    expect(whyNot('version: 2.1\njobs: [1\n')).toEqual({
      reason:
        'c.yml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1',
      failed: true,
    });
  });
});

describe('checking a config within the bounds', () => {
  const check = (text: string, clock?: () => number) =>
    checkConfigFile({ path: 'c.yml', explicit: true }, STAGING, async () => text, {
      strict: true,
      ...(clock ? { clock } : {}),
    });

  it('refuses a matches pattern that could backtrack catastrophically, before matching it', async () => {
    const started = performance.now();
    const result = await check(backtracking());
    expect(result.checked).toBe(false);
    expect(result.problems.map((p) => p.message)).toEqual([
      'c.yml is not checked against the rules: the pattern "^(a+)+$" can backtrack catastrophically (a+ repeats inside (a+)+): matching it against a branch or tag name could hang',
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses an expression matches /re/ and a filter /re/ the same way', async () => {
    const expression = backtracking().replace(
      /when:[\s\S]*?jobs:/,
      'when: pipeline.parameters.target_job matches /(a|aa)+/\n    jobs:',
    );
    expect((await check(expression)).problems[0]?.message).toMatch(
      /the pattern "\(a\|aa\)\+" can backtrack/,
    );
    const filter = backtracking().replace(
      /when:[\s\S]*?jobs:.*/,
      'jobs:\n      - deploy_staging: { filters: { branches: { only: "/(x+x+)+y/" } } }',
    );
    expect((await check(filter)).problems[0]?.message).toMatch(
      /the pattern "\(x\+x\+\)\+y" can backtrack/,
    );
  });

  it('decides a polynomial matches pattern in linear time, and refuses one left to the engine', () => {
    const polynomial = configRegex('feature/.*-.*-.*-.*-.*-[0-9]+');
    expect(polynomial?.test(`feature/${'-'.repeat(5000)}`)).toBe(false);
    expect(polynomial?.test('feature/a-b-c-d-e-1')).toBe(true);
    // a backreference keeps it on JavaScript's engine, where it could backtrack polynomially
    expect(() => configRegex('(a)\\1.*-.*-.*-.*-[0-9]+')).toThrow(/can backtrack/);
  });

  it('stops reading after 2 s of work, by the clock it is given', async () => {
    let now = 0;
    const result = await check(longChain(3000), () => (now += 1000));
    expect(result).toMatchObject({
      checked: false,
      problems: [
        { message: 'c.yml is not checked against the rules: it takes more than 2 s to check' },
      ],
    });
  });

  it('stops checking after 2 s of work: each job judged looks at the clock', async () => {
    let reads = 0;
    const clock = () => reads++;
    const result = await check(longChain(3000), clock);
    expect(result.problems.map((p) => p.message)).toEqual([
      'c.yml is not checked against the rules: it takes more than 2 s to check',
    ]);
    // The same config, with a clock that stands still, is checked.
    expect((await check(longChain(3000), () => 0)).checked).toBe(true);
  });

  it('is only a warning when not checking for validate', async () => {
    const result = await checkConfigFile({ path: 'c.yml', explicit: true }, STAGING, async () =>
      deeplyNested(),
    );
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^c\.yml is not checked against the rules: /),
    ]);
  });
});
