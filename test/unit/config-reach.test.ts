/**
 * Which jobs of a workflow run: a job runs when its filters let it and at least one job it
 * requires runs (CircleCI ignores dependencies that do not run); each job is judged once.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workflowsOf } from '../../src/config-check/config-model.js';
import { filtersLetRun } from '../../src/config-check/filters.js';
import { checkConfig } from '../../src/config-check/index.js';
import { UNKNOWN } from '../../src/config-check/three-valued.js';
import { reachIn } from '../../src/config-check/workflow-reach.js';
import { parseRules } from '../../src/core/parse-rules.js';

const main = { kind: 'branch' as const, name: 'main' };
const u = 'unknown';

function reachOf(jobs: string, ref = main) {
  const config = parse(`workflows:\n  w:\n    jobs:\n${jobs}`);
  const [workflow] = workflowsOf(config, {});
  if (!workflow) throw new Error('no workflow');
  const reach = reachIn(workflow, (i) => filtersLetRun(i.filters, ref));
  const find = (name: string) => {
    const invocation = workflow.jobs.find((i) => i.names.includes(name) || i.matrixAlias === name);
    if (!invocation) throw new Error(name);
    return invocation;
  };
  const runs = (name: string) => {
    const truth = reach.runs(find(name));
    return truth === UNKNOWN ? u : truth;
  };
  const blockers = (name: string) => reach.blockers(find(name)).map((i) => i.names[0]);
  return { runs, blockers, reach };
}

const OFF_MAIN = '{ branches: { ignore: main } }';
const ON_MAIN = '{ branches: { only: main } }';

describe('reachIn', () => {
  it.each<[string, string, string, boolean | 'unknown']>([
    ['no requires', '      - a\n', 'a', true],
    ['its own filter', `      - a: { filters: ${OFF_MAIN} }\n`, 'a', false],
    [
      'one of two requirements runs',
      `      - a: { filters: ${OFF_MAIN} }\n      - b\n      - c: { requires: [a, b] }\n`,
      'c',
      true,
    ],
    [
      'every requirement is filtered out',
      `      - a: { filters: ${OFF_MAIN} }\n      - b: { filters: ${OFF_MAIN} }\n      - c: { requires: [a, b] }\n`,
      'c',
      false,
    ],
    [
      'down a chain',
      `      - a: { filters: ${OFF_MAIN} }\n      - b: { requires: [a] }\n      - c: { requires: [b] }\n`,
      'c',
      false,
    ],
    ['a requirement that is no job of the workflow', '      - c: { requires: [ghost] }\n', 'c', u],
    ['a cycle', '      - a: { requires: [b] }\n      - b: { requires: [a] }\n', 'a', u],
    [
      'a matrix by its key',
      `      - t: { matrix: { parameters: { v: [1, 2] } }, filters: ${OFF_MAIN} }\n      - c: { requires: [t] }\n`,
      'c',
      false,
    ],
    [
      'a matrix by its alias',
      '      - t: { matrix: { alias: tests, parameters: { v: [1, 2] } } }\n      - c: { requires: [tests] }\n',
      'c',
      true,
    ],
    [
      'one job of a matrix',
      '      - t: { matrix: { parameters: { v: [1, 2] } } }\n      - c: { requires: [t-2] }\n',
      'c',
      true,
    ],
    [
      'statuses in requires',
      `      - a: { filters: ${ON_MAIN} }\n      - c: { requires: [{ a: [success, failed] }] }\n`,
      'c',
      true,
    ],
  ])('%s', (_, jobs, job, expected) => {
    expect(reachOf(jobs).runs(job)).toBe(expected);
  });

  it('names the filters to change, up one chain of requirements', () => {
    const { blockers } = reachOf(
      `      - a: { filters: ${OFF_MAIN} }\n      - b: { requires: [a], filters: ${OFF_MAIN} }\n      - c: { requires: [b] }\n`,
    );
    expect(blockers('c')).toEqual(['b', 'a']);
  });

  it('judges each job once: 12 layers of 4 jobs, each requiring the whole layer before', () => {
    const layers = Array.from({ length: 12 }, (_, l) =>
      Array.from({ length: 4 }, (_, j) => `j${l}_${j}`),
    );
    const entries = layers.flatMap((layer, l) =>
      layer.map((name) => {
        const requires = l === 0 ? '' : `requires: [${layers[l - 1]?.join(', ')}], `;
        // The first layer is filtered out on main but one job: every path but a few is dead.
        const filters = l === 0 && name !== 'j0_3' ? `filters: ${OFF_MAIN}` : '';
        return `      - ${name}: { ${requires}${filters} }\n`;
      }),
    );
    const { runs, reach } = reachOf(entries.join(''));
    expect(runs('j11_0')).toBe(true);
    // 4^11 paths of requires lead from a job of the last layer to the first: a walk of each path
    // would judge millions of jobs; judged once each, it is that job and the 44 before it.
    expect(reach.visits).toBe(45);
    for (const layer of layers) for (const name of layer) runs(name);
    expect(reach.visits).toBe(48);
  });

  it('checks the 12-layer workflow in a rule check without a walk of its paths', () => {
    const layers = Array.from({ length: 12 }, (_, l) =>
      Array.from({ length: 4 }, (_, j) => `j${l}_${j}`),
    );
    const jobs = layers.flatMap((layer, l) =>
      layer.map((name) => (l === 0 ? name : { [name]: { requires: layers[l - 1] } })),
    );
    const config = {
      version: 2.1,
      parameters: {
        target_job: { type: 'string', default: '' },
        target_sha: { type: 'string', default: '' },
      },
      workflows: {
        deploy: { when: { equal: ['j11_3', '<< pipeline.parameters.target_job >>'] }, jobs },
      },
    };
    const rules = parseRules(
      JSON.stringify({ rules: [{ branches: ['main'], tags: ['v*'], job: 'j11_3' }] }),
      'r',
    );
    let clockReads = 0;
    const check = checkConfig(config, rules, {
      path: 'c.yml',
      deadline: { check: () => void clockReads++, spent: () => 0, left: () => 2000 },
    });
    expect(check.problems.map((p) => p.check)).toEqual(['reached']);
    // Every job is judged once per kind of pipeline (branch, tag) and per check (reached, loop).
    expect(clockReads).toBeLessThan(48 * 2 * 4);
  });
});
