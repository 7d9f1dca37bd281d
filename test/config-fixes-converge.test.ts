/**
 * Suggested fixes converge: each config of the corpus, as it is (its parameters undeclared), with
 * a job that runs cci-conditional added to the workflow of the rule's target (the usual layout of
 * an adoption), gets every suggested fix applied in turn (test/helpers/apply-fix.ts: as a person
 * pasting the YAML does), round after round, until it fits. It must fit within three rounds, and
 * be a config CircleCI takes at every round.
 */
import { describe, expect, it } from 'vitest';
import { declaredParameters, isNamed, workflowsOf } from '../src/config-check/config-model.js';
import { checkConfig, type Finding } from '../src/config-check/index.js';
import { pipelineValues } from '../src/config-check/parameters.js';
import { workflowRuns } from '../src/config-check/rule-check.js';
import { parseRules } from '../src/core/parse-rules.js';
import { applyFix, applyRuleFix } from './helpers/apply-fix.js';
import { configProblems } from './helpers/config-shape.js';
import { CORPUS, type CorpusCase, corpusConfig } from './helpers/corpus.js';

type Map = Record<string, unknown>;

const TRIGGER = {
  docker: [{ image: 'cimg/node:lts' }],
  steps: ['checkout', { run: { name: 'Trigger deploy', command: 'npx cci-conditional@1' } }],
};

/** The config with a job running cci-conditional in the workflow of the first target job. */
function withTrigger(config: Map, target: string | undefined): Map {
  const workflows = config.workflows as Record<string, Map>;
  const names = Object.keys(workflows).filter((name) => typeof workflows[name] === 'object');
  const hasTarget = (name: string) =>
    JSON.stringify((workflows[name] as Map).jobs).includes(JSON.stringify(target ?? '\u0000'));
  const host = names.find(hasTarget) ?? names[0] ?? 'build';
  const entry = { cci_trigger: { filters: { tags: { only: '/.*/' } } } };
  const workflow = workflows[host] as Map;
  return {
    ...config,
    jobs: { ...(config.jobs as Map), cci_trigger: TRIGGER },
    workflows: {
      ...workflows,
      [host]: { ...workflow, jobs: [...(workflow.jobs as unknown[]), entry] },
    },
  };
}

const shown = (findings: readonly Finding[]) => findings.map((f) => `${f.check}: ${f.message}`);

/** Rounds of checking and fixing until the config fits; the findings of each round. */
function converge(c: CorpusCase) {
  let config = withTrigger(corpusConfig({ file: c.file }), c.rules[0]?.job as string | undefined);
  let rules = c.rules;
  const rounds: string[][] = [];
  for (let round = 0; round < 6; round++) {
    const ruleSet = parseRules(JSON.stringify({ ...c.options, rules }), 'deploy-rules.json');
    const check = checkConfig(config, ruleSet, { path: c.file });
    expect(
      configProblems(config).filter((p) => !p.startsWith('/orbs/nx ')),
      c.file,
    ).toEqual([]);
    if (check.problems.length === 0) return { rounds, config, last: check };
    rounds.push(shown(check.problems));
    for (const finding of [...check.problems, ...check.warnings]) {
      config = applyFix(config, finding);
      rules = applyRuleFix(rules, finding);
    }
  }
  return { rounds, config, last: undefined };
}

describe('the suggested fixes, applied in turn to each corpus config with a trigger job added', () => {
  it.each(CORPUS.map((c) => [`${c.file}: ${c.rules.map((r) => r.name).join(', ')}`, c] as const))(
    '%s fits within three rounds',
    (_, c) => {
      const { rounds, last, config } = converge(c);
      expect(last, JSON.stringify(rounds, null, 1)).toBeDefined();
      expect(rounds.length).toBeLessThanOrEqual(3);
      // A fix for a 2.0 config makes it a 2.1 config.
      if (c.file === 'vue-2.yml') expect(config.version).toBe(2.1);
      // The target that shared the trigger's workflow runs only in pipelines the trigger starts,
      // not in every push's as well.
      const pushed = pipelineValues(declaredParameters(config), []);
      const job = c.rules[0]?.job;
      for (const workflow of workflowsOf(config, pushed))
        if (typeof job === 'string' && workflow.jobs.some((i) => isNamed(i, job)))
          expect(workflowRuns(workflow, pushed), `${job} in ${workflow.name}`).toBe(false);
    },
  );

  it('moves the target out of the workflow that runs cci-conditional, in one round', () => {
    const c = CORPUS.find((k) => k.file === 'circleci-docs.yml') as CorpusCase;
    const { rounds, config } = converge(c);
    expect(rounds).toHaveLength(1);
    const workflows = config.workflows as Record<string, Map>;
    expect(workflows.main?.unless).toBe('<< pipeline.parameters.target_job >>');
    expect(JSON.stringify(workflows.main?.jobs)).not.toContain('deploy-production');
    expect(workflows['deploy-production']).toEqual({
      when: { equal: ['deploy-production', '<< pipeline.parameters.target_job >>'] },
      jobs: [
        {
          'deploy-production': {
            filters: 'pipeline.git.branch == "main"',
            context: ['circleci-docs-static', 'docs-platform-assets'],
            'serial-group': '<< pipeline.project.slug >>/deploy-deploy-production',
          },
        },
      ],
    });
  });
});
