/**
 * Whether "who" works for this account: cci-conditional recognises its own triggers by
 * `trigger.actor.login` equal to the `/me` login, and no capture pairs the two for every kind of
 * account (GitHub App accounts included). The evidence: the newest API pipeline the token's user
 * started (`pipeline/mine`), else the newest API pipeline of the project.
 */
import { apiPaths, type Project } from '../circleci/api-paths.js';
import type { PipelineSummary } from '../core/trigger-signs.js';
import { type ApiReader, tryRead } from './api-reader.js';
import type { CheckPart } from './check-parts.js';

export async function whoFinding(
  project: Project,
  login: string,
  listed: readonly unknown[],
  reader: ApiReader,
): Promise<CheckPart | undefined> {
  const mine = await tryRead<{ items?: unknown }>(reader, apiPaths.v2MyPipelines(project));
  if ('failure' in mine) {
    return {
      status: 'warning',
      text: `could not read the token user's pipelines to compare logins: ${mine.failure.message}`,
    };
  }
  const own = newestApi(mine.answer?.items);
  if (own) {
    const actor = own.trigger?.actor?.login;
    if (actor === login)
      return { status: 'ok', text: `${matches(own, login)}: "who" works for this account` };
    return {
      status: 'problem',
      text: `${numbered(own)}, an API pipeline the token's user started (GET .../pipeline/mine), names ${actor === undefined ? 'no actor' : JSON.stringify(actor)} as trigger.actor.login, not ${JSON.stringify(login)} as GET ${apiPaths.v2Me} does: cci-conditional would not recognise its own triggers, so --once, the loop guard and lost-answer lookups cannot work for this account`,
    };
  }
  const any = newestApi(listed);
  if (!any) {
    return {
      status: 'ok',
      text: `no API pipeline to compare trigger.actor.login with ${login} yet: run doctor again after the first trigger`,
    };
  }
  const actor = any.trigger?.actor?.login;
  // A pipeline without its actor is a sign missing, which the inspection already reports.
  if (actor === undefined) return undefined;
  if (actor === login)
    return { status: 'ok', text: `${matches(any, login)}: "who" works for this account` };
  return {
    status: 'warning',
    text: `the newest API pipeline, ${numbered(any)}, was started by ${JSON.stringify(actor)}, not the token's user ${JSON.stringify(login)}, and none of the token user's to compare: run doctor again after this token's first trigger`,
  };
}

function matches(pipeline: PipelineSummary, login: string): string {
  return `the newest API pipeline of the token's user, ${numbered(pipeline)}, names ${JSON.stringify(login)} as trigger.actor.login, as GET ${apiPaths.v2Me} does`;
}

function newestApi(items: unknown): PipelineSummary | undefined {
  if (!Array.isArray(items)) return undefined;
  return items.find(
    (item): item is PipelineSummary =>
      typeof item === 'object' &&
      item !== null &&
      (item as PipelineSummary).trigger?.type === 'api',
  );
}

/** `pipeline 7`: ids are left out of what doctor prints. */
function numbered(pipeline: PipelineSummary): string {
  return typeof pipeline.number === 'number'
    ? `pipeline ${pipeline.number}`
    : 'a pipeline without a number';
}
