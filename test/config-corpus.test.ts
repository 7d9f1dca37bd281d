/**
 * The config check on real configs (test/helpers/corpus.ts): the verdict for each case's rules,
 * in `validate` (every name of the rules) and in `run` (the build's branch or tag).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConfig, configOf, type Finding } from '../src/config-check/index.js';
import { parseRules } from '../src/core/parse-rules.js';
import type { GitRef } from '../src/core/read-context.js';
import { configProblems } from './helpers/config-shape.js';
import { CORPUS, type CorpusCase, corpusConfig, corpusRules } from './helpers/corpus.js';

const FOLDER = 'test/fixtures/configs/real';
const verdictOf = (findings: readonly Finding[]) => findings.map((f) => `${f.check}: ${f.rule}`);

function verdict(c: CorpusCase, ref?: GitRef) {
  const rules = parseRules(corpusRules(c), 'deploy-rules.json');
  const check = checkConfig(corpusConfig(c), rules, { path: c.file, ...(ref ? { ref } : {}) });
  return { problems: verdictOf(check.problems), warnings: verdictOf(check.warnings) };
}

describe('the corpus of real configs', () => {
  it.each(CORPUS.map((c) => [`${c.file}: ${c.why}`, c] as const))('%s', (_, c) => {
    expect(verdict(c)).toEqual(c.verdict);
  });

  it('names the source, commit and licence of each config', () => {
    const files = readdirSync(FOLDER).filter((f) => f.endsWith('.yml'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const head = readFileSync(`${FOLDER}/${file}`, 'utf8').split('\n').slice(0, 3).join(' ');
      expect(head, file).toMatch(
        /^# From [\w.-]+\/[\w.-]+, [\w./-]+ at\s+(# )?[0-9a-f]{40}\s+(# )?\(MIT\s+(# )?License/,
      );
    }
  });

  it('holds configs CircleCI takes, as trimmed', () => {
    // CircleCI's schema refuses an orb at `@dev:<< pipeline.git.revision >>`, which CircleCI runs
    // (the orb development kit writes it so): the one place the schema is stricter.
    const devOrb = (problem: string) => problem.startsWith('/orbs/nx ');
    for (const c of CORPUS)
      expect(
        configProblems(corpusConfig(c)).filter((p) => !devOrb(p)),
        c.file,
      ).toEqual([]);
  });

  it('suggests only fixes that make a version 2 config a 2.1 config', () => {
    const vue = CORPUS.find((c) => c.file === 'vue-2.yml') as CorpusCase;
    const rules = parseRules(corpusRules(vue), 'deploy-rules.json');
    const check = checkConfig(corpusConfig(vue), rules, { path: vue.file });
    const fixes = [...check.problems, ...check.warnings].map((f) => f.fix);
    expect(fixes.length).toBe(4);
    for (const fix of fixes) expect(fix).toMatch(/^version: 2\.1\n/);
  });

  it('does not check a setup config, and says why', () => {
    const loaded = configOf(readFileSync(`${FOLDER}/nx-orb-setup.yml`, 'utf8'), 'config.yml');
    expect(loaded.status === 'unchecked' && loaded.reason).toBe(
      'config.yml is a setup config (setup: true): the config it continues with is generated when the pipeline runs',
    );
  });
});

describe('the corpus in a run, on the build that fires the rule', () => {
  const TAG = '/^v\\d+\\.\\d+\\.\\d+$/';
  it.each<[string, Record<string, unknown>, GitRef, string[]]>([
    [
      'circleci-docs.yml',
      { branches: ['main'], job: 'deploy-production' },
      { kind: 'branch', name: 'main' },
      [],
    ],
    [
      'slack-orb-test-deploy.yml',
      { tags: [TAG], job: 'orb-tools/publish' },
      { kind: 'tag', name: 'v5.1.0' },
      [],
    ],
    [
      'slack-orb-test-deploy.yml',
      { tags: ['*'], job: 'orb-tools/publish' },
      { kind: 'tag', name: 'nightly' },
      ['reached: r'],
    ],
    [
      'aws-ecr-orb-test-deploy.yml',
      { tags: [TAG], job: 'orb-tools/publish' },
      { kind: 'tag', name: 'v9.4.0' },
      [],
    ],
    [
      'nx-orb-test-deploy.yml',
      { tags: ['v*.*.*'], job: 'orb-tools/publish' },
      { kind: 'tag', name: 'v1.7.0' },
      [],
    ],
    [
      'nx-orb-test-deploy.yml',
      { tags: ['v*.*.*'], job: 'orb-tools/publish' },
      { kind: 'tag', name: 'v1.7.0-rc.1' },
      ['reached: r'],
    ],
    [
      'circleci-cli.yml',
      { branches: ['main'], job: 'deploy' },
      { kind: 'branch', name: 'main' },
      [],
    ],
    [
      'circleci-cli.yml',
      { branches: ['release/*'], job: 'deploy' },
      { kind: 'branch', name: 'release/1' },
      ['reached: r'],
    ],
    [
      'qqq-orb-gitflow.yml',
      { tags: ['/^api-v.*/'], job: 'qqq-orb/publish_release' },
      { kind: 'tag', name: 'api-v1.2.3' },
      ['reached: r'],
    ],
  ])('%s, rule %j on %j: %j', (file, rule, ref, problems) => {
    const c = {
      file,
      declared: true,
      rules: [{ name: 'r', ...rule }],
      verdict: { problems, warnings: [] },
      why: '',
    };
    expect(verdict(c, ref).problems).toEqual(problems);
  });
});
