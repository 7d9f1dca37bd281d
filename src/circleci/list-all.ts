/** A short v2 list read whole: the workflows of a pipeline, the jobs of a workflow. */
import { objectsOf } from './listed-objects.js';
import type { RunTools } from './send-tools.js';

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
