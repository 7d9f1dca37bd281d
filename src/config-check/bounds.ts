/**
 * The config check is bounded: a config beyond any bound is not checked (a warning in `run`, one
 * line and exit 2 in `validate`), never a crash or a stall. Synchronous work cannot be
 * interrupted, so the loops that could run long ask a deadline between steps.
 */

/** The bounds of one check of one config. */
export const LIMITS = {
  /** bytes of YAML */
  bytes: 5_000_000,
  /** levels of nesting, aliases resolved (CircleCI itself allows 100 in logic statements) */
  depth: 1000,
  /** `*alias` references */
  aliases: 100,
  /** values (scalars, maps, lists) once aliases are resolved */
  nodes: 1_000_000,
  /** jobs one matrix expands to */
  matrixJobs: 10_000,
  /** milliseconds of work */
  milliseconds: 2000,
} as const;

/** Thrown from anywhere inside the check when the config is beyond a bound; says which. */
export class NotChecked extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotChecked';
  }
}

/** The clock the check reads its time from, in milliseconds (injectable for tests). */
export type Clock = () => number;

export interface Deadline {
  /** Throws NotChecked once the time is up. */
  check(): void;
  /** Milliseconds spent since the start. */
  spent(): number;
  /** Milliseconds left (negative once passed). */
  left(): number;
}

export const TIME_IS_UP = `it takes more than ${LIMITS.milliseconds / 1000} s to check`;

export function deadlineOf(
  now: Clock = () => performance.now(),
  ms = LIMITS.milliseconds,
): Deadline {
  const start = now();
  return {
    check() {
      if (now() - start > ms) throw new NotChecked(TIME_IS_UP);
    },
    spent: () => now() - start,
    left: () => ms - (now() - start),
  };
}

/** No time limit: the pure check called on its own (tests, the programmatic API). */
export const NO_DEADLINE: Deadline = { check() {}, spent: () => 0, left: () => Infinity };

/** `1000000` → `1,000,000`, as the bounds are written in messages. */
export const counted = (n: number) => n.toLocaleString('en-US');
