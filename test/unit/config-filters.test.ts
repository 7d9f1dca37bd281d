/** Job filters and reading a config: what runs on a branch or a tag, what cannot be checked. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { filtersLettingThrough } from '../../src/config-check/filter-fix.js';
import { filtersLetRun, type PipelineRef } from '../../src/config-check/filters.js';
import { configOf } from '../../src/config-check/read-config.js';
import { UNKNOWN } from '../../src/config-check/three-valued.js';

const main: PipelineRef = { kind: 'branch', name: 'main' };
const someBranch: PipelineRef = { kind: 'branch', name: undefined };
const v1: PipelineRef = { kind: 'tag', name: 'v1.2.3' };
const someTag: PipelineRef = { kind: 'tag', name: undefined };
const u = 'unknown';

describe('filtersLetRun', () => {
  it.each<[string, PipelineRef, boolean | 'unknown']>([
    ['null', main, true],
    ['null', v1, false],
    ['{ branches: { only: main } }', main, true],
    ['{ branches: { only: [develop, /release\\/.*/] } }', main, false],
    ['{ branches: { only: /ma/ } }', main, false],
    ['{ branches: { only: /ma.*/ } }', main, true],
    ['{ branches: { ignore: main } }', main, false],
    ['{ branches: { ignore: /feature-.*/ } }', main, true],
    ['{ branches: { only: main } }', someBranch, u],
    ['{ tags: { only: /.*/ } }', someBranch, true],
    ['{ tags: { only: /.*/ } }', main, true],
    ['{ branches: { only: main } }', v1, false],
    ['{ tags: { only: /^v.*/ } }', v1, true],
    ['{ tags: { only: /^v.*/ }, branches: { ignore: /.*/ } }', v1, true],
    ['{ tags: { only: /^v.*/ }, branches: { ignore: /.*/ } }', main, false],
    ['{ tags: { only: /^release-.*/ } }', v1, false],
    ['{ tags: { ignore: /^v1\\..*/ } }', v1, false],
    ['{ tags: { only: /^v.*/ } }', someTag, u],
    ['{ tags: {} }', someTag, true],
    ['{ tags: { only: /.*/ } }', someTag, true],
    ['{ tags: { only: [/^v.*/, /.*/] } }', someTag, true],
    ['{ tags: { only: "/^.*$/" } }', someTag, true],
    ['{ tags: { only: /.*/, ignore: /^x/ } }', someTag, u],
    ['{ tags: { only: /.+/ } }', someTag, true],
    ['{ branches: { only: /.*/ } }', someBranch, true],
    ['pipeline.git.branch == "main"', main, true],
    ['pipeline.git.branch == "main"', someBranch, u],
    ['pipeline.git.tag starts-with "v1."', v1, true],
    ['pipeline.git.tag starts-with "v2."', v1, false],
  ])('%s on %j → %s', (filters, ref, expected) => {
    const truth = filtersLetRun(parse(filters), ref);
    expect(truth === UNKNOWN ? u : truth).toBe(expected);
  });
});

describe('filtersLetRun on every name of a rule (validate)', () => {
  const tags = (...patterns: string[]): PipelineRef => ({ kind: 'tag', name: undefined, patterns });
  const branches = (...patterns: string[]): PipelineRef => ({
    kind: 'branch',
    name: undefined,
    patterns,
  });
  it.each<[string, PipelineRef, boolean | 'unknown', string]>([
    // Never: proven by testing names, or by the literal start or end of patterns.
    [
      '{ tags: { only: /^web-v.*/ } }',
      tags('/^api-v\\d+\\.\\d+\\.\\d+$/'),
      false,
      'the starts differ',
    ],
    ['{ tags: { only: /^v.*-web$/ } }', tags('v*-api'), false, 'the ends differ'],
    ['{ tags: { ignore: /.*/ } }', tags('v*'), false, 'a catch-all ignore'],
    ['{ tags: { ignore: /^.*$/ } }', tags('/^v\\d+$/'), false, 'a catch-all ignore, anchored'],
    ['{ branches: { ignore: /.+/ } }', branches('main'), false, 'names are never empty'],
    [
      '{ branches: { ignore: /release\\/.*/ } }',
      branches('release/**'),
      false,
      'an ignore that covers the rule',
    ],
    [
      '{ branches: { only: [main, develop] } }',
      branches('release/*'),
      false,
      "only plain names, none the rule's",
    ],
    [
      '{ branches: { only: main } }',
      branches('main', 'develop'),
      'unknown',
      'one of two plain names',
    ],
    [
      '{ branches: { only: main, ignore: main } }',
      branches('*'),
      false,
      'the only name is ignored',
    ],
    // Always: proven the same ways.
    ['{ tags: { only: /v.*/ } }', tags('v*'), true, 'an only that covers the rule'],
    [
      '{ tags: { only: /.*/, ignore: /^nightly-.*/ } }',
      tags('v*'),
      true,
      'an ignore that misses the rule',
    ],
    ['{ branches: { only: [main, develop] } }', branches('main'), true, 'a plain name listed'],
    ['{ branches: { ignore: gh-pages } }', branches('main'), true, 'a plain name not ignored'],
    // Not proven either way: unknown, never a false "never".
    [
      '{ tags: { only: "/^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+$/" } }',
      tags('v*.*.*'),
      'unknown',
      'overlapping',
    ],
    [
      '{ branches: { ignore: /(develop|main)/ } }',
      branches('feature/*'),
      'unknown',
      'an alternation',
    ],
    ['{ tags: { only: "/(?i)API-v.*/" } }', tags('/^api-v.*/'), 'unknown', 'a Java flag'],
    ['{ tags: { only: "/^\\\\p{Lu}.*/" } }', tags('/^x.*/'), 'unknown', 'a Java class'],
    [
      '{ branches: { only: "/**/x/" } }',
      branches('**/x'),
      'unknown',
      'not a regex JavaScript reads',
    ],
    ['{ branches: { only: /x/ } }', branches('**/x'), 'unknown', 'a glob that matches x, and more'],
    ['{ branches: { only: /y/ } }', branches('**/x'), false, 'a glob whose names end with x'],
    // Expression filters: known for plain names only.
    ['pipeline.git.branch == "main"', branches('main'), true, 'an expression, a plain name'],
    ['pipeline.git.branch != "main"', branches('main'), false, 'an expression, a plain name'],
    ['pipeline.git.branch == "main"', branches('release/*'), 'unknown', 'an expression, a glob'],
  ])('%s for %j → %s (%s)', (filters, ref, expected) => {
    const truth = filtersLetRun(parse(filters), ref);
    expect(truth === UNKNOWN ? u : truth).toBe(expected);
  });
});

describe('filtersLettingThrough', () => {
  const branch: PipelineRef = { kind: 'branch', name: undefined };
  it.each<[string, string[], unknown, unknown[]]>([
    [
      '{ branches: { only: main } }',
      ['release/*'],
      { branches: { only: ['main', '/release\\/[^\\/]*/'] } },
      [],
    ],
    [
      // An ignore that would stop the rule's names goes: an only it overrides is no fix.
      '{ branches: { ignore: [main, gh-pages] }, tags: { only: /.*/ } }',
      ['main'],
      { branches: { only: 'main', ignore: 'gh-pages' }, tags: { only: '/.*/' } },
      ['main'],
    ],
    [
      '{ branches: { ignore: /.*/ } }',
      ['main', '/^hotfix-\\d+$/'],
      { branches: { only: ['main', '/^hotfix-\\d+$/'] } },
      ['/.*/'],
    ],
    [
      'pipeline.git.branch == "main"',
      ['release/**'],
      '(pipeline.git.branch == "main") or pipeline.git.branch matches /release\\/.*/',
      [],
    ],
    ['null', ['!x', 'v{1,2}*'], { branches: { only: '/v.*/' } }, []],
  ])('%s for %j', (filters, patterns, expected, dropped) => {
    expect(filtersLettingThrough(parse(filters), branch, patterns)).toEqual({
      filters: expected,
      dropped,
    });
  });
});

describe('configOf', () => {
  const warningOf = (text: string) => {
    const config = configOf(text, 'c.yml');
    return config.status === 'unchecked' ? config.warning.message : config.status;
  };

  it.each([
    ['version: 2.1\njobs: {}\n', 'loaded'],
    ['\uFEFFversion: 2.1\n', 'loaded'],
    [
      'version: 2.1\njobs: [1\n',
      'c.yml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1; the config is not checked against the rules',
    ],
    [
      '- a\n- b\n',
      'c.yml is not a map of keys (version:, jobs:, workflows:); the config is not checked against the rules',
    ],
    [
      '{"rules": []}',
      'c.yml has no version: key, so it is not a CircleCI config; the config is not checked against the rules',
    ],
    [
      'version: 2.1\nsetup: true\n',
      'c.yml is a setup config (setup: true): the config it continues with is generated when the pipeline runs; the config is not checked against the rules',
    ],
  ])('%j → %s', (text, expected) => {
    expect(warningOf(text)).toBe(expected);
  });

  it('takes anchors, aliases and merge keys', () => {
    const config = configOf(
      'version: 2.1\nbase: &base { docker: [{ image: x }] }\njobs:\n  a:\n    <<: *base\n    steps: [checkout]\n',
      'c.yml',
    );
    expect(config.status === 'loaded' && config.config.jobs).toEqual({
      a: { docker: [{ image: 'x' }], steps: ['checkout'] },
    });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    // 10^7 values behind 70 aliases: measured, not expanded.
    const lines = ['version: 2.1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(warningOf(lines.join('\n'))).toBe(
      'c.yml is not checked against the rules: its aliases expand it to more than 1,000,000 values',
    );
  });
});
