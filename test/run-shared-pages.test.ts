/**
 * The reads before sending share what they read: the deploy-order check, the loop guard and its
 * runaway stop, and --once read the same lists, the same workflows and the same jobs, for every
 * rule that fires, and no page of them is read twice in a run. Counted per request (path and
 * query) at the fake, over lists several pages long (v2: `page-token`; v1.1: `limit`/`offset`).
 */
import { describe, expect, it } from 'vitest';
import { useFakeStartedInTest } from './helpers/fake.js';
import { OTHER_SHA, posts, runWith, SHA } from './helpers/run-harness.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const developer = { actor: { login: 'a-developer', avatar_url: null } };
/** Two rules fire on main: each runs every check. */
const rules = {
  match: 'all',
  rules: [
    { name: 'staging', branches: ['main'], job: 'deploy_staging' },
    { name: 'docs', branches: ['main'], job: 'deploy_docs' },
  ],
};

const fake = useFakeStartedInTest();

/** GET requests by path and query, leaving out the pipelines and builds this run created. */
function readsPerRequest(created: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of fake.requests) {
    if (request.method !== 'GET' || created.some((id) => request.rawUrl.includes(id))) continue;
    counts.set(request.rawUrl, (counts.get(request.rawUrl) ?? 0) + 1);
  }
  return counts;
}

describe('the pages read before sending', () => {
  it('are read once in a run on v2: deploy order, loop guard, runaway stop and --once, for each rule', async () => {
    await fake.start({ heads: { main: SHA }, pageSize: 3, pipelineSetupReads: 0 });
    fake.addPipeline({
      vcs: { branch: 'main', revision: 'a'.repeat(40) },
      created_at: minutesAgo(90),
    });
    fake.addPipeline({ vcs: { branch: 'main', revision: SHA }, created_at: minutesAgo(40) });
    // An earlier API pipeline of this commit that ran another job: both guards read its jobs.
    const other = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
      created_at: minutesAgo(30),
    });
    fake.addWorkflow({
      pipelineId: other.id,
      name: 'deploy',
      status: 'success',
      jobs: [{ name: 'deploy_production', type: 'build', status: 'success' }],
    });
    // This pipeline, started through the API by the token's user: the loop guard reads.
    const running = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
      created_at: minutesAgo(20),
    });
    fake.addWorkflow({
      pipelineId: running.id,
      name: 'build',
      jobs: [{ name: 'build', type: 'build', status: 'running' }],
    });
    // Since then, schedules and other people's API pipelines: nothing that supersedes it.
    for (let i = 0; i < 8; i++)
      fake.addPipeline({
        trigger: { type: i % 2 ? 'scheduled_pipeline' : 'api', ...developer },
        vcs: { branch: 'main', revision: OTHER_SHA },
        created_at: minutesAgo(10 - i),
      });
    const { result } = await runWith(fake, rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
      options: { once: true },
    });
    expect(result.triggers.map((t) => t.status)).toEqual(['triggered', 'triggered']);
    const created = result.triggers.map((t) => t.pipeline?.id ?? '');
    const reads = readsPerRequest(created);
    // Several pages of ?branch=, the earlier pipeline's workflows and jobs: each read once.
    const pages = [...reads.keys()].filter((url) => url.includes('branch=main'));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect([...reads.keys()].some((url) => url.includes(`/pipeline/${other.id}/workflow`))).toBe(
      true,
    );
    expect([...reads.entries()].filter(([, count]) => count > 1)).toEqual([]);
    expect(posts(fake)).toHaveLength(2);
  });

  it('are read once in a run on v1.1: deploy order and --once, for each rule', async () => {
    await fake.start({ heads: { main: SHA } });
    const push = (build_num: number, revision: string, minutes: number) =>
      fake.addBuild({
        build_num,
        branch: 'main',
        why: 'github',
        user: { login: 'a-developer' },
        vcs_revision: revision,
        usage_queued_at: minutesAgo(minutes),
      });
    push(10, 'a'.repeat(40), 90);
    push(41, SHA, 40);
    // An earlier API build of this commit for another job: --once reads it itself.
    fake.addBuild({
      build_num: 42,
      branch: 'main',
      vcs_revision: SHA,
      build_parameters: { CIRCLE_JOB: 'deploy_production' },
      usage_queued_at: minutesAgo(35),
    });
    // Since then, 40 API builds of another commit by someone else: two pages of the branch.
    for (let i = 0; i < 40; i++)
      fake.addBuild({
        build_num: 50 + i,
        branch: 'main',
        why: 'api',
        user: { login: 'a-developer' },
        vcs_revision: OTHER_SHA,
        usage_queued_at: minutesAgo(30 - i / 2),
      });
    const v1Rules = { ...rules, api: 'v1.1' };
    const { result } = await runWith(fake, v1Rules, { options: { once: true } });
    expect(result.triggers.map((t) => t.status)).toEqual(['triggered', 'triggered']);
    const created = result.triggers.map((t) => `/${t.build?.number}`);
    const reads = readsPerRequest(created);
    const pages = [...reads.keys()].filter((url) => url.includes('/tree/main?'));
    expect(pages).toEqual([
      '/api/v1.1/project/github/acme/app/tree/main?limit=30',
      '/api/v1.1/project/github/acme/app/tree/main?limit=100&offset=30',
    ]);
    expect(reads.get('/api/v1.1/project/github/acme/app/41')).toBe(1);
    expect(reads.get('/api/v1.1/project/github/acme/app/42')).toBe(1);
    expect([...reads.entries()].filter(([, count]) => count > 1)).toEqual([]);
  });
});
