/**
 * What every step after the decision works with: the API client, the logger, a clock, and the
 * build's context. The clock comes in so tests can wait minutes without waiting at all.
 */
import type { Logger } from '../base/io.js';
import type { BuildContext } from '../core/read-context.js';
import type { RuleSet } from '../core/rules.js';
import type { Project } from './api-paths.js';
import type { CircleCiClient } from './circleci-client.js';
import { objectsOf } from './listed-objects.js';

export interface RunTools {
  client: CircleCiClient;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  /** milliseconds since the epoch */
  now: () => number;
  /** --timeout: the limit of one request, in ms */
  timeoutMs: number;
  /** API origin: app URLs are printed only for https://circleci.com */
  host: string;
  ruleSet: RuleSet;
  context: BuildContext;
}

export const CIRCLECI_HOST = 'https://circleci.com';

/** A line at least this often while waiting: CircleCI stops a step silent for 10 minutes. */
export const HEARTBEAT_MS = 5 * 60_000;

/** Polling backs off from 2 s by half each time up to 15 s: quick at first, gentle for long runs. */
export function pollDelay(poll: number): number {
  return Math.min(15_000, Math.round(2000 * 1.5 ** poll));
}

/**
 * The project of the running build, for reads about this build (its job, its pipeline). GitHub
 * App and GitLab projects have no CIRCLE_REPOSITORY_URL: they are addressed by ids.
 */
export function projectOfBuild(context: BuildContext): Project | undefined {
  const { org, repo, organizationId, projectId } = context;
  const names = org !== undefined && repo !== undefined;
  if (names && context.hasRepositoryUrl) {
    return { provider: context.vcs === 'bitbucket' ? 'bb' : 'gh', org, repo };
  }
  if (organizationId !== undefined && projectId !== undefined) {
    return { provider: 'circleci', org: organizationId, repo: projectId };
  }
  return names ? { provider: 'gh', org, repo } : undefined;
}

/** Slugs compare without case (GitHub names do) and with the long VCS forms shortened. */
export function sameSlug(a: string, b: string): boolean {
  const short = (slug: string) =>
    slug
      .toLowerCase()
      .replace(/^github\//, 'gh/')
      .replace(/^bitbucket\//, 'bb/');
  return short(a) === short(b);
}

/** `https://app.circleci.com/pipelines/github/org/repo/7`, or undefined off circleci.com. */
export function pipelineAppUrl(host: string, slug: string, number: number): string | undefined {
  if (host !== CIRCLECI_HOST) return undefined;
  const long = slug.replace(/^gh\//, 'github/').replace(/^bb\//, 'bitbucket/');
  return `https://app.circleci.com/pipelines/${long}/${number}`;
}

/**
 * Every entry of a paged v2 list that is an object (bounded, in case a page token never ends).
 * Fields of the entries are read as they come: any may be missing.
 */
export async function listAll<T>(
  tools: Pick<RunTools, 'client' | 'logger'>,
  pathOf: (pageToken: string | undefined) => string,
  maxPages = 20,
): Promise<Partial<T>[]> {
  const items: Partial<T>[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const path = pathOf(pageToken);
    const answer = await tools.client.send<{ items?: unknown; next_page_token?: unknown } | null>({
      method: 'GET',
      path,
    });
    items.push(...(objectsOf(answer?.items, path, tools) as Partial<T>[]));
    if (typeof answer?.next_page_token !== 'string' || answer.next_page_token === '') break;
    pageToken = answer.next_page_token;
  }
  return items;
}
