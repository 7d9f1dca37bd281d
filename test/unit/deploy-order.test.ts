/**
 * Deploy order: which listed pipeline or build supersedes the running one's commit. Pipelines
 * in the shapes CircleCI lists them (ARCHITECTURE.md, "What CircleCI answers": `number`, `created_at`, `trigger.type`,
 * `vcs` or, on `circleci/` projects, `trigger_parameters.git`); v1.1 builds with `why`,
 * `usage_queued_at`, `vcs_revision` and branch names a list may show URL-encoded.
 */
import { describe, expect, it } from 'vitest';
import {
  isSuperseded,
  type Order,
  orderOfBuild,
  orderOfPipeline,
  type RunningBuild,
  type RunningPipeline,
  runningPipeline,
  supersededLine,
} from '../../src/core/deploy-order.js';
import type { BuildSummary, PipelineSummary } from '../../src/core/trigger-signs.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const NEWER = '89abcdef0123456789abcdef0123456789abcdef';
const T0 = Date.parse('2026-12-03T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const running: RunningPipeline = { id: 'running', number: 10, at: T0 };

/** A push of NEWER to main, pipeline 11, a minute after the running one. */
const push: PipelineSummary = {
  id: 'p11',
  number: 11,
  created_at: at(1),
  trigger: { type: 'webhook', actor: { login: 'a-developer' } },
  vcs: { branch: 'main', revision: NEWER },
};
const without = <K extends keyof PipelineSummary>(key: K) => {
  const { [key]: _, ...rest } = push;
  return rest as PipelineSummary;
};

describe('orderOfPipeline', () => {
  it.each<[string, PipelineSummary, Order]>([
    ['a push of another commit after it', push, 'supersedes'],
    ...[
      'github_app',
      'github_server',
      'github_oauth',
      'gitlab',
      'bitbucket_cloud',
      'bitbucket_dc',
    ].map((type): [string, PipelineSummary, Order] => [
      `a ${type} push`,
      { ...push, trigger: { type } },
      'supersedes',
    ]),
    [
      'a push without vcs, its git context in trigger_parameters (circleci/ projects)',
      {
        ...without('vcs'),
        trigger: { type: 'github_app' },
        trigger_parameters: { git: { branch: 'main', checkout_sha: NEWER } },
      },
      'supersedes',
    ],
    ['the same commit pushed again', { ...push, vcs: { branch: 'main', revision: SHA } }, 'no'],
    ['a push to another branch', { ...push, vcs: { branch: 'dev', revision: NEWER } }, 'no'],
    ['a tag', { ...push, vcs: { tag: 'v1.2.3', revision: NEWER } }, 'no'],
    ['a schedule', { ...push, trigger: { type: 'schedule' } }, 'no'],
    ['a scheduled pipeline', { ...push, trigger: { type: 'scheduled_pipeline' } }, 'no'],
    ['an API trigger (a deploy)', { ...push, trigger: { type: 'api' } }, 'no'],
    ['an unknown trigger type', { ...push, trigger: { type: 'explicit' } }, 'no'],
    ['a type CircleCI adds later', { ...push, trigger: { type: 'github_merge_queue' } }, 'no'],
    ['no trigger', without('trigger'), 'no'],
    ['no trigger type', { ...push, trigger: { actor: { login: 'x' } } }, 'no'],
    ['no commit', { ...push, vcs: { branch: 'main' } }, 'no'],
    ['no vcs and no git context', without('vcs'), 'no'],
    ['no created_at', without('created_at'), 'no'],
    ['a higher number but created before it', { ...push, created_at: at(-1) }, 'no'],
    ['created at the same time', { ...push, created_at: at(0) }, 'no'],
    ['no number, created after it', without('number'), 'no'],
    ['an older pipeline (a lower number)', { ...push, number: 9, created_at: at(-5) }, 'before'],
    ['a lower number, created later', { ...push, number: 9 }, 'before'],
    ['no number, created before it', { ...without('number'), created_at: at(-1) }, 'before'],
    ['the running pipeline itself', { ...push, id: 'running', number: 10 }, 'before'],
  ])('%s: %s', (_, pipeline, order) => {
    expect(orderOfPipeline(running, pipeline, 'main', SHA)).toBe(order);
  });

  it('reads the running pipeline, or says what it lacks', () => {
    expect(runningPipeline({ ...push, id: 'running', number: 10, created_at: at(0) })).toEqual(
      running,
    );
    expect(runningPipeline(without('number'))).toBe('its number');
    expect(runningPipeline({ ...push, created_at: 'yesterday' })).toBe('its created_at');
  });
});

const runningBuild: RunningBuild = { num: 41, at: T0 };
/** A push build of NEWER on main, queued a minute after the running build. */
const pushBuild: BuildSummary = {
  build_num: 45,
  branch: 'main',
  vcs_revision: NEWER,
  vcs_tag: null,
  why: 'github',
  usage_queued_at: at(1),
};
const buildWithout = (key: keyof BuildSummary) => {
  const { [key]: _, ...rest } = pushBuild;
  return rest as BuildSummary;
};

describe('orderOfBuild', () => {
  it.each<[string, BuildSummary, Order]>([
    ['a GitHub push of another commit queued after it', pushBuild, 'supersedes'],
    ['a Bitbucket push', { ...pushBuild, why: 'bitbucket' }, 'supersedes'],
    [
      'queued_at when usage_queued_at is missing',
      { ...buildWithout('usage_queued_at'), queued_at: at(1) },
      'supersedes',
    ],
    ['the same commit pushed again', { ...pushBuild, vcs_revision: SHA }, 'no'],
    ['another branch', { ...pushBuild, branch: 'dev' }, 'no'],
    ['a tag build', { ...pushBuild, branch: null, vcs_tag: 'v1.2.3' }, 'no'],
    ['an API trigger', { ...pushBuild, why: 'api' }, 'no'],
    ['a rebuild', { ...pushBuild, why: 'retry' }, 'no'],
    ['a scheduled workflow', { ...pushBuild, why: 'scheduled_workflow' }, 'no'],
    ['an unknown why', { ...pushBuild, why: 'edit' }, 'no'],
    ['queued at the same time', { ...pushBuild, usage_queued_at: at(0) }, 'no'],
    ['queued before it', { ...pushBuild, usage_queued_at: at(-1) }, 'before'],
    ['the running build itself', { ...pushBuild, build_num: 41 }, 'before'],
    ['no why: the build itself may show it', buildWithout('why'), 'unclear'],
    ['no time', buildWithout('usage_queued_at'), 'unclear'],
    ['no commit', buildWithout('vcs_revision'), 'unclear'],
  ])('%s: %s', (_, build, order) => {
    expect(orderOfBuild(runningBuild, build, 'main', SHA)).toBe(order);
  });

  it('compares branch names decoded', () => {
    const build = { ...pushBuild, branch: 'release%2F1.0' };
    expect(orderOfBuild(runningBuild, build, 'release/1.0', SHA)).toBe('supersedes');
  });
});

describe('supersededLine', () => {
  it('names the branch, both commits, the newer pipeline and since when', () => {
    const line = supersededLine('main', { sha: NEWER, name: 'pipeline 11', since: at(1) }, SHA);
    expect(line).toBe(
      'superseded: main is at 89abcde (pipeline 11) since 2026-12-03T10:01:00.000Z; not deploying 0123456 over it',
    );
    expect(isSuperseded(line)).toBe(true);
    expect(isSuperseded('already triggered for this commit: pipeline 3 (id) (--once)')).toBe(false);
    expect(isSuperseded(undefined)).toBe(false);
  });
});
