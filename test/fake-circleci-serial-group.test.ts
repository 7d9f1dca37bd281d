/**
 * The fake CircleCI shows what serial groups do (ARCHITECTURE.md, "What
 * CircleCI answers"): "jobs from newer pipelines (higher pipeline numbers) take precedence … the older
 * job is automatically skipped" and shows as `not_run`, "while its workflow may still show
 * success". Jobs given `statuses` move one step per read of their pipeline's workflow list, in
 * step with their workflow; a triggered target job runs while its workflow runs.
 */
import { describe, expect, it } from 'vitest';
import { call } from './helpers/call-fake.js';
import { useFakeStartedInTest } from './helpers/fake.js';

interface Page<T> {
  items: T[];
}
type Listed = { id: string; name: string; status: string };

const fake = useFakeStartedInTest();

/** One read of the pipeline's workflows, then of each workflow's jobs: `workflow: job status`. */
async function look(pipelineId: string): Promise<string[]> {
  const workflows = await call<Page<Listed>>(
    fake,
    'GET',
    `/api/v2/pipeline/${pipelineId}/workflow`,
  );
  const seen: string[] = [];
  for (const workflow of workflows.body.items) {
    const jobs = await call<Page<Listed>>(fake, 'GET', `/api/v2/workflow/${workflow.id}/job`);
    for (const job of jobs.body.items) seen.push(`${workflow.status}: ${job.name} ${job.status}`);
  }
  return seen;
}

describe('a deploy job in a serial group', () => {
  it('waits blocked, then is skipped (not_run) while its workflow ends success', async () => {
    await fake.start();
    const pipeline = fake.addPipeline({ trigger: { type: 'api' } });
    fake.addWorkflow({
      pipelineId: pipeline.id,
      name: 'deploy',
      statuses: ['running', 'running', 'success'],
      jobs: [
        {
          name: 'deploy_staging',
          type: 'build',
          status: 'blocked',
          statuses: ['blocked', 'blocked', 'not_run'],
        },
      ],
    });
    expect(await look(pipeline.id)).toEqual(['running: deploy_staging blocked']);
    expect(await look(pipeline.id)).toEqual(['running: deploy_staging blocked']);
    expect(await look(pipeline.id)).toEqual(['success: deploy_staging not_run']);
    expect(await look(pipeline.id)).toEqual(['success: deploy_staging not_run']);
  });

  it('can be the workflows a trigger gets', async () => {
    await fake.start({
      workflowDelayReads: 0,
      workflows: () => [
        {
          name: 'deploy',
          statuses: ['running', 'success'],
          jobs: [
            {
              name: 'deploy_staging',
              type: 'build',
              status: 'blocked',
              statuses: ['blocked', 'not_run'],
            },
          ],
        },
      ],
    });
    const answer = await call<{ id: string }>(
      fake,
      'POST',
      '/api/v2/project/gh/acme/app/pipeline',
      {
        body: { branch: 'main', parameters: { target_job: 'deploy_staging' } },
      },
    );
    expect(await look(answer.body.id)).toEqual(['running: deploy_staging blocked']);
    expect(await look(answer.body.id)).toEqual(['success: deploy_staging not_run']);
  });
});

describe('the target job of a triggered pipeline', () => {
  it('runs while its workflow runs, and succeeds with it', async () => {
    await fake.start({ workflowDelayReads: 0 });
    const answer = await call<{ id: string }>(
      fake,
      'POST',
      '/api/v2/project/gh/acme/app/pipeline',
      {
        body: { branch: 'main', parameters: { target_job: 'deploy_staging' } },
      },
    );
    expect(await look(answer.body.id)).toEqual(['running: deploy_staging running']);
    expect(await look(answer.body.id)).toEqual(['success: deploy_staging success']);
  });
});
