/**
 * The error vocabulary. Every failure the CLI reports is one of these; `exitCodeFor` in cli.ts maps
 * the `code` to the documented exit code. Messages are one line, name the bad value and say what
 * to do; none ever contains the API token.
 */
import { listedProblems } from './problem-list.js';

export type ErrorCode =
  /** bad option, invalid rules file, missing or invalid env, refused host: exit 2 */
  | 'USAGE'
  /** the API refused a request or could not be reached: exit 1 */
  | 'API'
  /** a build or pipeline was triggered but did not succeed (with --wait): exit 3 */
  | 'WAIT';

export class CciError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input: flags, environment or rules file. Nothing has been sent. */
export class UsageError extends CciError {
  constructor(message: string, options?: ErrorOptions) {
    super('USAGE', message, options);
  }
}

/**
 * The rules file is invalid; `problems` lists every one, each naming its place, a problem that
 * repeats counted rather than listed again and again (problem-list.ts).
 */
export class RulesError extends UsageError {
  readonly problems: readonly string[];
  /** every problem, each repetition included */
  readonly allProblems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    const listed = listedProblems(problems);
    const summary =
      problems.length === 1 ? problems[0] : `${problems.length.toLocaleString('en-US')} problems`;
    super(`invalid rules file ${file}: ${summary}`);
    this.problems = listed;
    this.allProblems = problems;
  }
}

/** An API request failed for good (after retries, or a final 4xx). */
export class ApiError extends CciError {
  /** HTTP status, when the API answered at all */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super('API', message, options);
    this.status = status;
  }
}

/**
 * This run cannot tell whether what it would create already exists (candidates it cannot tell
 * apart, signs missing, a window it cannot read to its end): it says so, and sends nothing.
 */
export class UnsureError extends ApiError {}
