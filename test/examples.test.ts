/**
 * The example CircleCI configs in examples/ must keep working with their rules files.
 *
 * Pairing convention: each config (`examples/*.yml`) names its rules file in a comment line
 * `# rules: <file>` (a path relative to examples/). Checked for each pair:
 * - the rules file is valid (parseRules), as is every other rules file (`examples/*.json`);
 * - every job a rule names exists under `jobs:` (an approve rule's job is an approval job of a
 *   workflow);
 * - API v2 rules: every pipeline parameter they send (the job parameter, the SHA parameter and each
 *   rule's `parameters`) is declared under the top-level `parameters:` with a matching type; each
 *   workflow that runs a rule's job is gated with `when:` on the job parameter and that job's name,
 *   and every other workflow with `unless:` (or `when: { not: ... }`) on the job parameter, since
 *   a triggered pipeline runs every workflow that is not gated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRules } from '../src/core/parse-rules.js';
import type { Rule, RuleSet } from '../src/core/rules.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const files = readdirSync(EXAMPLES).sort();
const configs = files.filter((file) => file.endsWith('.yml'));
const rulesFiles = files.filter((file) => file.endsWith('.json'));

type Config = {
  parameters?: Record<string, { type?: string; enum?: unknown[] }>;
  jobs?: Record<string, unknown>;
  workflows?: Record<string, unknown>;
};
type Workflow = { when?: unknown; unless?: unknown; jobs?: unknown[] };

function read(file: string): string {
  return readFileSync(join(EXAMPLES, file), 'utf8');
}

function rulesOf(file: string): RuleSet {
  return parseRules(read(file), `examples/${file}`);
}

function pairOf(config: string): { config: Config; rules: RuleSet; rulesFile: string } {
  const text = read(config);
  const rulesFile = /^# rules: (\S+)$/m.exec(text)?.[1];
  if (rulesFile === undefined) throw new Error(`${config} has no "# rules: <file>" comment`);
  return { config: parse(text) as Config, rules: rulesOf(rulesFile), rulesFile };
}

/** Workflows by name; `workflows: { version: 2 }` of 2.0 configs is not one. */
function workflowsOf(config: Config): Array<[string, Workflow]> {
  return Object.entries(config.workflows ?? {}).filter(
    (entry): entry is [string, Workflow] => typeof entry[1] === 'object' && entry[1] !== null,
  );
}

/** A workflow's job entries: `- name` or `- name: { ... }`, with the `name:` override if any. */
function jobsOf(workflow: Workflow): Array<{ job: string; shown: string; type?: string }> {
  return (workflow.jobs ?? []).map((entry) => {
    if (typeof entry === 'string') return { job: entry, shown: entry };
    const [job, settings] =
      Object.entries(entry as Record<string, Record<string, string>>)[0] ?? [];
    return { job: job ?? '', shown: settings?.name ?? job ?? '', type: settings?.type };
  });
}

const v2Rules = (rules: RuleSet): Rule[] => rules.rules.filter((rule) => rule.api === 'v2');
const mentions = (gate: unknown, text: string) => JSON.stringify(gate ?? null).includes(text);

/** The pipeline parameters a v2 rule sends, with their values' JSON types. */
function sentParameters(rule: Rule, rules: RuleSet): Array<[string, unknown]> {
  if (rule.approve !== undefined) return [];
  return [
    ...(rule.job === undefined ? [] : [[rules.jobParameter, rule.job] as [string, unknown]]),
    ...(rules.shaParameter === null ? [] : [[rules.shaParameter, 'sha'] as [string, unknown]]),
    ...Object.entries(rule.parameters),
  ];
}

function typeFits(declared: { type?: string; enum?: unknown[] }, value: unknown): boolean {
  switch (declared.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'enum':
      return declared.enum?.includes(value) ?? false;
    default:
      return false;
  }
}

describe('examples/', () => {
  it('has configs and rules files to check', () => {
    expect(configs.length).toBeGreaterThan(0);
    expect(rulesFiles.length).toBeGreaterThan(0);
  });

  it.each(rulesFiles)('%s is a valid rules file', (file) => {
    expect(() => rulesOf(file)).not.toThrow();
  });

  describe.each(configs)('%s', (file) => {
    const { config, rules } = pairOf(file);
    const jobParameter = `pipeline.parameters.${rules.jobParameter}`;

    it('names its rules file, which is valid', () => {
      expect(rules.rules.length).toBeGreaterThan(0);
    });

    it('defines every job its rules trigger', () => {
      const approvals = workflowsOf(config).flatMap(([, w]) =>
        jobsOf(w).filter((j) => j.type === 'approval'),
      );
      for (const rule of rules.rules) {
        if (rule.job !== undefined) expect(Object.keys(config.jobs ?? {})).toContain(rule.job);
        if (rule.approve !== undefined)
          expect(
            approvals.map((j) => j.shown),
            rule.name,
          ).toContain(rule.approve);
      }
    });

    it('declares every pipeline parameter its v2 rules send, with a type that fits', () => {
      for (const rule of v2Rules(rules)) {
        for (const [name, value] of sentParameters(rule, rules)) {
          const declared = config.parameters?.[name];
          expect(declared, `${rule.name} sends ${name}`).toBeDefined();
          expect(typeFits(declared ?? {}, value), `${name}: ${JSON.stringify(value)}`).toBe(true);
        }
      }
    });

    it('gates the workflow of each v2 target job with when:, every other one with unless:', () => {
      const targets = new Set(v2Rules(rules).flatMap((rule) => rule.job ?? []));
      if (targets.size === 0) return;
      for (const [name, workflow] of workflowsOf(config)) {
        const jobs = jobsOf(workflow).map((j) => j.job);
        const runs = jobs.filter((job) => targets.has(job));
        if (runs.length > 0) {
          expect(mentions(workflow.when, jobParameter), `${name} when:`).toBe(true);
          for (const job of runs) expect(mentions(workflow.when, job), `${name} when:`).toBe(true);
        } else {
          const gate = workflow.unless ?? (workflow.when as { not?: unknown } | undefined)?.not;
          expect(mentions(gate, jobParameter), `${name} unless:`).toBe(true);
        }
      }
    });
  });
});
