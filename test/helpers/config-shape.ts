/**
 * Whether a config CircleCI would take: valid against CircleCI's JSON Schema of config.yml
 * (test/fixtures, see test/config-schema.test.ts), every job a workflow runs defined in it or in
 * an orb it names, and every `requires:` naming a job of the same workflow (a name, a matrix by its
 * alias, or one job of a matrix).
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { workflowsOf } from '../../src/config-check/config-model.js';

type Map = Record<string, unknown>;

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(
  JSON.parse(readFileSync('test/fixtures/circleci-config-schema.json', 'utf8')),
  'config',
);

export function configProblems(config: Map): string[] {
  const validate = ajv.getSchema('config');
  if (!validate) throw new Error('the schema did not compile');
  const legacy = config.version === 2 || config.version === '2.0';
  const schema = validate(config)
    ? []
    : (validate.errors ?? [])
        .filter((e) => !(legacy && e.instancePath === '/version' && e.keyword === 'enum'))
        .map((e) => `${e.instancePath || '/'} ${e.message}`);
  const jobs = (config.jobs ?? {}) as Map;
  const orbs = (config.orbs ?? {}) as Map;
  const defined = (job: string) =>
    Object.hasOwn(jobs, job) || (job.includes('/') && Object.hasOwn(orbs, job.split('/')[0] ?? ''));
  const names: string[] = [];
  for (const workflow of workflowsOf(config, {})) {
    const known = new Set(
      workflow.jobs.flatMap((i) => [...i.names, i.matrixAlias ?? i.names[0] ?? '']),
    );
    for (const invocation of workflow.jobs) {
      if (!defined(invocation.job) && invocation.settings.type !== 'approval')
        names.push(`job ${invocation.job} of workflow ${workflow.name} is not defined`);
      for (const required of invocation.requires)
        if (!known.has(required))
          names.push(`${required}, required in workflow ${workflow.name}, is not a job of it`);
    }
  }
  return [...schema, ...names];
}
