/**
 * Judging one listed pipeline or build against the signs of a trigger. Three outcomes: it is
 * ours; it is not (a sign it shows rules it out); or this run cannot tell (a sign is missing, or
 * its trigger type is one cci-conditional does not know). Trigger types are an open set: only
 * the known push and schedule types are "not ours". Pure.
 * See ARCHITECTURE.md, "How own triggers are recognised".
 */
import type { GitRef } from './read-context.js';
import {
  type BuildSummary,
  branchOfBuild,
  gitOfPipeline,
  type PipelineSummary,
  type Signs,
  timeOf,
  timeOfBuild,
} from './trigger-signs.js';

export type Judgement =
  | { verdict: 'ours' }
  | { verdict: 'not-ours' }
  | {
      verdict: 'cannot-tell';
      /** `is listed without trigger.actor.login`, `has trigger type "explicit", ...` */
      why: string;
      /** the trigger type it has, when only that is unknown */
      type?: string;
      /** v1.1: the build itself (GET /project/.../{num}) may show the missing sign */
      readBuild?: boolean;
    };

/** Pushes of every provider: a pipeline started by one of these is a push. */
export const PUSH_TYPES: ReadonlySet<string> = new Set([
  'webhook',
  'gitlab',
  'github_app',
  'github_server',
  'github_oauth',
  'bitbucket_cloud',
  'bitbucket_dc',
]);
/** The known types that are not an API trigger. */
const NOT_API_TYPES: ReadonlySet<string> = new Set([
  ...PUSH_TYPES,
  'schedule',
  'scheduled_pipeline',
]);
/** v1.1 `why` of a push. */
export const PUSH_WHYS: ReadonlySet<string> = new Set(['github', 'bitbucket']);

const NOT_OURS: Judgement = { verdict: 'not-ours' };
const OURS: Judgement = { verdict: 'ours' };

export function judgePipeline(pipeline: PipelineSummary, signs: Signs): Judgement {
  const lacks: string[] = [];
  const type = pipeline.trigger?.type;
  if (typeof type !== 'string') lacks.push('trigger.type');
  else if (NOT_API_TYPES.has(type)) return NOT_OURS;
  const login = pipeline.trigger?.actor?.login;
  if (typeof login !== 'string') lacks.push('trigger.actor.login');
  else if (login !== signs.login) return NOT_OURS;
  const git = gitOfPipeline(pipeline);
  const rest = judgeCommon(signs, {
    branch: git.branch,
    tag: git.tag,
    revision: git.revision,
    at: timeOf(pipeline.created_at),
    names: { ref: 'a branch or tag', at: 'created_at', revision: 'a commit' },
  });
  if (rest === 'not-ours') return NOT_OURS;
  lacks.push(...rest);
  if (lacks.length > 0)
    return { verdict: 'cannot-tell', why: `is listed without ${lacks.join(', ')}` };
  if (type !== 'api') return unknownType(type as string);
  return OURS;
}

export function judgeBuild(build: BuildSummary, signs: Signs): Judgement {
  const lacks: string[] = [];
  const why = build.why;
  if (typeof why !== 'string') lacks.push('why');
  else if (PUSH_WHYS.has(why)) return NOT_OURS;
  const login = build.user?.login;
  if (typeof login !== 'string') lacks.push('user.login');
  else if (login !== signs.login) return NOT_OURS;
  const tag = build.vcs_tag;
  const rest = judgeCommon(signs, {
    branch: branchOfBuild(build),
    // A summary without the field says nothing; `null` says "no tag".
    tag: typeof tag === 'string' && tag !== '' ? tag : tag === undefined ? undefined : null,
    revision: typeof build.vcs_revision === 'string' ? build.vcs_revision : undefined,
    at: timeOfBuild(build),
    names: { ref: 'branch or vcs_tag', at: 'usage_queued_at', revision: 'vcs_revision' },
  });
  if (rest === 'not-ours') return NOT_OURS;
  lacks.push(...rest);
  if (lacks.length > 0) {
    return {
      verdict: 'cannot-tell',
      why: `is listed without ${lacks.join(', ')}`,
      readBuild: true,
    };
  }
  if (why !== 'api') return unknownType(why as string, 'why');
  return OURS;
}

interface Shown {
  branch: string | undefined;
  /** null: shown to be none */
  tag: string | null | undefined;
  revision: string | undefined;
  at: number | undefined;
  names: { ref: string; at: string; revision: string };
}

/** where, when and which commit: `not-ours`, or the names of the signs it lacks. */
function judgeCommon(signs: Signs, shown: Shown): 'not-ours' | string[] {
  const lacks: string[] = [];
  const where = sameRef(signs.ref, shown.branch, shown.tag);
  if (where === false) return 'not-ours';
  if (where === undefined) lacks.push(shown.names.ref);
  if (signs.since !== undefined) {
    if (shown.at === undefined) lacks.push(shown.names.at);
    else if (shown.at < signs.since) return 'not-ours';
  }
  if (signs.sha !== undefined) {
    if (shown.revision === undefined) lacks.push(shown.names.revision);
    else if (shown.revision !== signs.sha) return 'not-ours';
  }
  return lacks;
}

/** true, false, or undefined when what is shown cannot tell. */
function sameRef(
  ref: GitRef,
  branch: string | undefined,
  tag: string | null | undefined,
): boolean | undefined {
  if (ref.kind === 'tag') {
    if (typeof tag === 'string') return tag === ref.name;
    return branch !== undefined || tag === null ? false : undefined;
  }
  if (typeof tag === 'string') return false;
  return branch === undefined ? undefined : branch === ref.name;
}

function unknownType(type: string, field = 'trigger type'): Judgement {
  return {
    verdict: 'cannot-tell',
    why: `has ${field} ${JSON.stringify(type)}, which cci-conditional knows neither as an API trigger nor as a push or schedule`,
    type,
  };
}
