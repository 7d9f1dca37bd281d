/** The entries of a listed page, read as they come: only objects are entries. */

import { ApiError } from '../base/errors.js';
import type { Logger } from '../base/io.js';

/**
 * The entries of a listed page that are objects; the others (`null`, a number, ...) are skipped
 * with a warning, never read as if they were. A page that lists nothing at all is a failed read.
 */
export function objectsOf(
  items: unknown,
  path: string,
  tools: { logger: Logger },
): Record<string, unknown>[] {
  if (!Array.isArray(items)) throw new ApiError(`GET ${path}: the answer lists nothing`);
  const objects = items.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  );
  const skipped = items.length - objects.length;
  if (skipped > 0) {
    tools.logger.warn(
      `GET ${path}: skipped ${skipped} listed ${skipped === 1 ? 'entry that is' : 'entries that are'} not an object`,
    );
  }
  return objects;
}
