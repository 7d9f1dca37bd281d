/**
 * Reading CircleCI's lists page by page, newest first, until the reader has seen enough: v2
 * lists by `page-token` (at most 10 pages), v1.1 builds by `offset` (at most 300). A list that
 * would need more cannot be read to its end here: this run then cannot tell (UnsureError).
 * Pages are kept for the whole run, keyed by path, so a page read before sending is not read
 * twice; the looks after a send ask for fresh pages. Entries that are not objects are skipped
 * with a warning.
 */
import type { BuildSummary, PipelineSummary } from '../core/trigger-signs.js';
import { UnsureError } from './circleci-client.js';
import { objectsOf } from './listed-objects.js';
import type { RunTools } from './send-tools.js';

export const MAX_PIPELINE_PAGES = 10;
export const MAX_BUILDS = 300;
/** v1.1 lists take `limit` up to 100: 30 first (the common case), then 100 at a time. */
const FIRST_BUILDS = 30;
const MORE_BUILDS = 100;

/** The pages one run has read, by path. */
export interface PageCache {
  /** the answer to GET `path`; `fresh`: read it again (and keep the new one) */
  get(path: string, fresh: boolean): Promise<unknown>;
}

export function createPageCache(tools: Pick<RunTools, 'client'>): PageCache {
  const pages = new Map<string, Promise<unknown>>();
  return {
    get(path, fresh) {
      const cached = fresh ? undefined : pages.get(path);
      if (cached) return cached;
      const read = tools.client.send<unknown>({ method: 'GET', path });
      pages.set(path, read);
      // A failed read is not kept: the next reader asks again.
      read.catch(() => pages.delete(path));
      return read;
    },
  };
}

/** What a reader says of each entry (read from `path`): `stop` when it has seen enough. */
export type Visit<T> = (entry: T, path: string) => 'stop' | undefined | Promise<'stop' | undefined>;

/** A v2 list of pipelines, newest first, until `visit` says stop or the list ends. */
export async function walkPipelines(
  tools: RunTools,
  pages: PageCache,
  pathOf: (pageToken: string | undefined) => string,
  fresh: boolean,
  visit: Visit<PipelineSummary>,
): Promise<void> {
  const end = await pipelinesUntil(tools, pages, pathOf, fresh, visit);
  if (end !== 'more') return;
  throw new UnsureError(
    `GET ${pathOf(undefined)}: the window this run must read goes beyond ${MAX_PIPELINE_PAGES} pages of pipelines, so it cannot tell whether an earlier trigger is among them`,
  );
}

/**
 * walkPipelines for a reader to whom the end of the bounds is an answer: `more` when the list
 * goes on beyond MAX_PIPELINE_PAGES.
 */
export function pipelinesUntil(
  tools: RunTools,
  pages: PageCache,
  pathOf: (pageToken: string | undefined) => string,
  fresh: boolean,
  visit: Visit<PipelineSummary>,
): Promise<'stopped' | 'ended' | 'more'> {
  return eachPage(tools, pages, pathOf, fresh, MAX_PIPELINE_PAGES, async (items, path) => {
    for (const entry of items)
      if ((await visit(entry as unknown as PipelineSummary, path)) === 'stop') return 'stop';
    return undefined;
  });
}

/**
 * The pages of a v2 list by `page-token`, each told to `onPage` (the entries that are objects)
 * until it says stop (`stopped`), the list ends (`ended`) or `maxPages` were read and the list
 * goes on (`more`).
 */
async function eachPage(
  tools: Pick<RunTools, 'logger'>,
  pages: PageCache,
  pathOf: (pageToken: string | undefined) => string,
  fresh: boolean,
  maxPages: number,
  onPage: (items: Record<string, unknown>[], path: string) => Promise<'stop' | undefined>,
): Promise<'stopped' | 'ended' | 'more'> {
  let pageToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const path = pathOf(pageToken);
    const answer = (await pages.get(path, fresh)) as {
      items?: unknown;
      next_page_token?: unknown;
    } | null;
    if ((await onPage(objectsOf(answer?.items, path, tools), path)) === 'stop') return 'stopped';
    if (typeof answer?.next_page_token !== 'string' || answer.next_page_token === '')
      return 'ended';
    pageToken = answer.next_page_token;
  }
  return 'more';
}

/** v1.1 builds, newest first, by offset, until `visit` says stop or the list ends. */
export async function walkBuilds(
  tools: RunTools,
  pages: PageCache,
  pathOf: (limit: number, offset: number) => string,
  fresh: boolean,
  visit: Visit<BuildSummary>,
): Promise<void> {
  if ((await buildsUntil(tools, pages, pathOf, fresh, visit)) !== 'more') return;
  throw new UnsureError(
    `GET ${pathOf(FIRST_BUILDS, 0)}: the window this run must read goes beyond ${MAX_BUILDS} builds, so it cannot tell whether an earlier trigger is among them`,
  );
}

/** walkBuilds, with `more` when the builds go on beyond MAX_BUILDS. */
export async function buildsUntil(
  tools: RunTools,
  pages: PageCache,
  pathOf: (limit: number, offset: number) => string,
  fresh: boolean,
  visit: Visit<BuildSummary>,
): Promise<'stopped' | 'ended' | 'more'> {
  for (let offset = 0; offset < MAX_BUILDS; ) {
    const limit = Math.min(offset === 0 ? FIRST_BUILDS : MORE_BUILDS, MAX_BUILDS - offset);
    const path = pathOf(limit, offset);
    const answer = await pages.get(path, fresh);
    const builds = objectsOf(answer, path, tools);
    for (const build of builds)
      if ((await visit(build as unknown as BuildSummary, path)) === 'stop') return 'stopped';
    if (!Array.isArray(answer) || answer.length < limit) return 'ended';
    offset += limit;
  }
  return 'more';
}

/**
 * Every object of a paged v2 list (a pipeline's workflows, a workflow's jobs) through the run's
 * pages: what one reader of this run read, the next one does not read again.
 */
export async function readAllPages(
  tools: Pick<RunTools, 'logger'>,
  pages: PageCache,
  pathOf: (pageToken: string | undefined) => string,
  fresh: boolean,
  maxPages = 20,
): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  await eachPage(tools, pages, pathOf, fresh, maxPages, async (items) => {
    all.push(...items);
    return undefined;
  });
  return all;
}
