/** GitHub App projects: pipeline/run with a definition id, through the whole run. */
import { describe, expect, it } from 'vitest';
import { validateRequestBody } from './fake-circleci/openapi.js';
import { useFake } from './helpers/fake.js';
import {
  baseEnv,
  cliWith,
  APP_DEFINITION as DEFINITION,
  APP_ORG as ORG,
  OTHER_SHA,
  APP_PROJECT as PROJECT,
  runWith,
  SHA,
  sent,
} from './helpers/run-harness.js';

/** A GitHub App project has ids, and no CIRCLE_REPOSITORY_URL (CircleCI leaves it empty). */
const env = { CIRCLE_REPOSITORY_URL: '', CIRCLE_ORGANIZATION_ID: ORG, CIRCLE_PROJECT_ID: PROJECT };
const rules = {
  definitionId: DEFINITION,
  rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }],
};
const RUN = `/api/v2/project/circleci/${ORG}/${PROJECT}/pipeline/run`;

const fake = useFake({ heads: { main: SHA } });

describe('a rule with a definitionId', () => {
  it('runs the pipeline definition, reads it back and waits for it', async () => {
    const { result } = await runWith(fake, rules, { env, options: { wait: true } });
    const [post] = sent(fake, 'POST', RUN);
    expect(post?.body).toEqual({
      definition_id: DEFINITION,
      config: { branch: 'main' },
      checkout: { branch: 'main' },
      parameters: { target_job: 'deploy_staging', target_sha: SHA },
    });
    expect(
      validateRequestBody(
        '/project/{provider}/{organization}/{project}/pipeline/run',
        'post',
        post?.body,
      ),
    ).toEqual([]);
    expect(result.triggers[0]).toMatchObject({
      status: 'triggered',
      project: `circleci/${ORG}/${PROJECT}`,
      pipeline: { id: fake.pipelines[0]?.id, number: 1, state: 'created' },
      outcome: { status: 'success', success: true },
    });
  });

  it('uses the pipeline it created when the answer is lost', async () => {
    fake.fault({ method: 'POST', path: RUN }, { resetAfterHandling: true });
    const { result } = await runWith(fake, rules, { env });
    expect(fake.pipelines).toHaveLength(1);
    expect(sent(fake, 'POST', RUN)).toHaveLength(1);
    expect(result.triggers[0]?.pipeline?.id).toBe(fake.pipelines[0]?.id);
  });

  it('skips with --once when this commit already ran the definition for the job', async () => {
    // Pipeline-definition runs have no vcs block: branch and commit come from the git context.
    const earlier = fake.addPipeline({
      project_slug: `circleci/${ORG}/${PROJECT}`,
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
    });
    expect(earlier).not.toHaveProperty('vcs');
    fake.addWorkflow({
      pipelineId: earlier.id,
      name: 'deploy',
      jobs: [{ name: 'deploy_staging', type: 'build', status: 'success' }],
    });
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--once'],
      { ...baseEnv, ...env },
      rules,
    );
    expect(code).toBe(0);
    expect(sent(fake, 'POST', RUN)).toHaveLength(0);
    expect(stderr).toContain(
      `already triggered for this commit: pipeline 1 (${earlier.id}) (--once)`,
    );
  });

  it('fails (exit 1) quoting CircleCI when pipeline/run answers 200 and starts nothing', async () => {
    await fake.start({ heads: { main: SHA }, ciSkip: true });
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--json'],
      { ...baseEnv, ...env },
      rules,
    );
    expect(code).toBe(1);
    expect(sent(fake, 'POST', RUN)).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(0);
    expect(stderr).toContain(
      `error: rule "staging": POST ${RUN}: CircleCI started nothing: "Ignoring pipeline due to CI skip in the commit"; not sending it again\n`,
    );
  });

  it('warns naming both SHAs when the branch moved on, read from the git context', async () => {
    fake.setHead('main', OTHER_SHA);
    const { result, log } = await runWith(fake, rules, { env });
    expect(result.decision).toBe('triggered');
    expect(log).toContain(
      `warning: pipeline 1 (${fake.pipelines[0]?.id}) runs ${OTHER_SHA}, not ${SHA}: the branch moved on`,
    );
  });

  it('is required for a circleci/ project (exit 2, nothing sent)', async () => {
    const withoutDefinition = {
      rules: [{ branches: ['main'], job: 'deploy', project: `circleci/${ORG}/${PROJECT}` }],
    };
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, withoutDefinition);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `rules[0].project: circleci/${ORG}/${PROJECT} is a GitHub App project, which CircleCI triggers only through pipeline/run: give the rule or the rules file a "definitionId"`,
    );
    expect(fake.requests).toHaveLength(0);
  });
});
