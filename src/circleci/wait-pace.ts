/** How often waiting (--wait, --wait-for-nodes) asks and speaks, and the links it prints. */
import { CIRCLECI_HOST } from './api-options.js';

/** A line at least this often while waiting: CircleCI stops a step silent for 10 minutes. */
export const HEARTBEAT_MS = 5 * 60_000;

/** Polling backs off from 2 s by half each time up to 15 s: quick at first, gentle for long runs. */
export function pollDelay(poll: number): number {
  return Math.min(15_000, Math.round(2000 * 1.5 ** poll));
}

/** `https://app.circleci.com/pipelines/github/org/repo/7`, or undefined off circleci.com. */
export function pipelineAppUrl(host: string, slug: string, number: number): string | undefined {
  if (host !== CIRCLECI_HOST) return undefined;
  const long = slug.replace(/^gh\//, 'github/').replace(/^bb\//, 'bitbucket/');
  return `https://app.circleci.com/pipelines/${long}/${number}`;
}
