/**
 * What a condition can know about a pipeline: the values of some `pipeline.*` names. A name it
 * cannot know (`pipeline.git.branch` in `validate`, `pipeline.trigger.type`, ...) is UNKNOWN,
 * and everything computed from it is too: conditions are evaluated three-valued.
 */
import { configRegex } from './config-regex.js';

/** A value the check cannot know. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** true, false, or unknown: what a condition says about whether something runs. */
export type Truth = boolean | Unknown;

/** Known pipeline values by their full name, e.g. `pipeline.parameters.target_job`. */
export type PipelineValues = Readonly<Record<string, unknown>>;

/** The value of a pipeline name, UNKNOWN when not known. */
export function lookup(values: PipelineValues, name: string): unknown {
  return Object.hasOwn(values, name) ? values[name] : UNKNOWN;
}

/** CircleCI's falsy values: false, null, 0, NaN and ""; everything else is truthy. */
export function truthOf(value: unknown): Truth {
  if (value === UNKNOWN) return UNKNOWN;
  return !(
    value === false ||
    value === null ||
    value === undefined ||
    value === 0 ||
    value === '' ||
    Number.isNaN(value)
  );
}

export function not(truth: Truth): Truth {
  return truth === UNKNOWN ? UNKNOWN : !truth;
}

/** Kleene's and: false wins, then unknown. */
export function all(truths: readonly Truth[]): Truth {
  if (truths.includes(false)) return false;
  return truths.includes(UNKNOWN) ? UNKNOWN : true;
}

/** Kleene's or: true wins, then unknown. */
export function any(truths: readonly Truth[]): Truth {
  if (truths.includes(true)) return true;
  return truths.includes(UNKNOWN) ? UNKNOWN : false;
}

/**
 * A whole match of a regular expression, as CircleCI's filters and `matches` demand; a pattern
 * JavaScript cannot compile is unknown, one that could backtrack catastrophically stops the check
 * (config-regex.ts).
 */
export function wholeMatch(pattern: string, text: string): Truth {
  return configRegex(pattern)?.test(text) ?? UNKNOWN;
}
