/** What a lookup after a lost answer finds, and how it refuses to guess between candidates. */
import { UnsureError } from './circleci-client.js';

/** What a v1.1 trigger answers, and what a found build is turned into. */
export interface BuildAnswer {
  build_num: number;
  build_url?: string;
}
/** What a v2 trigger answers, and what a found pipeline is turned into. */
export interface PipelineAnswer {
  id: string;
  number?: number;
  state?: string;
}

/** One candidate is it; more than one: say so and stop. */
export function onlyOne<T>(
  candidates: readonly T[],
  name: (candidate: T) => string,
): T | undefined {
  if (candidates.length <= 1) return candidates[0];
  throw new UnsureError(
    `${candidates.length} could be the one it created (${candidates.map(name).join(', ')})`,
  );
}

/** A candidate whose trigger type (or v1.1 `why`) is unknown is not taken, nor sent again. */
export function unknownKind(name: string): UnsureError {
  return new UnsureError(
    `${name} could be the one it created, but cci-conditional does not know that kind of trigger, so it cannot tell`,
  );
}
