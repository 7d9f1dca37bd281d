/** What a run produced: printed with --json, written to $BASH_ENV, mapped to the exit code. */

import type { SkipKind } from './decide.js';
import type { GitRef } from './read-context.js';
import type { Api } from './rules.js';

/** A request as --dry-run shows it (circleci/render-request.ts renders it): the token is `***`. */
export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export type DecisionName = 'triggered' | 'skipped' | 'dry-run' | 'failed';

export interface TriggerResult {
  /** the rule's name */
  rule: string;
  /** the target job (the approval job for approve rules); null for v2 rules driven by parameters */
  job: string | null;
  api: Api | 'approve';
  /** project slug the request went to; null for approve rules */
  project: string | null;
  status: 'triggered' | 'approved' | 'skipped' | 'dry-run' | 'failed';
  /** why it was skipped or failed */
  reason?: string;
  /** v1.1 answer (a `url` CircleCI's answer lacks is left out) */
  build?: { number: number; url?: string };
  /** v2 answer (a `number` neither the answer nor the read-back showed is left out) */
  pipeline?: { id: string; number?: number; state?: string };
  /** --dry-run: the exact requests, token as *** */
  requests?: RenderedRequest[];
  /** a rule with `paths`: what they were compared with */
  paths?: PathsResult;
  /**
   * --wait: how the build or pipeline ended. `status`: the build's outcome, the first workflow
   * that did not succeed, `success`, `no-workflow`, `timed-out` or `unknown` (could not be read).
   */
  outcome?: { status: string; success: boolean; url?: string; detail?: string };
}

/** What a rule's `paths` were compared with, as --json shows it. */
export interface PathsResult {
  /** the commit the changed paths are taken from (full SHA); null when there is none */
  base: string | null;
  /** how many paths changed between the base and this commit; null when they were not compared */
  changed: number | null;
  /** the first changed path the rule's paths match; null when none does or none was compared */
  matched: string | null;
  /** why the paths were not compared (the rule then fires), or `paths not evaluated` (dry run) */
  warning?: string;
}

/** Whether a rule was skipped because none of its paths changed. */
export function skippedForPaths(trigger: TriggerResult): boolean {
  return trigger.status === 'skipped' && trigger.paths?.changed != null && !trigger.paths.matched;
}

export interface RunResult {
  decision: DecisionName;
  reason: string;
  /** why nothing fired: forked-pr, other-node, no-match, or paths (every rule that matched was skipped for its paths) */
  skip?: SkipKind | 'paths';
  ref?: GitRef;
  sha?: string;
  triggers: TriggerResult[];
  /** --wait saw a build or pipeline end badly, or gave up waiting (exit 3) */
  waitFailed?: boolean;
  /** the signal that stopped the run (SIGTERM: exit 143, SIGINT: exit 130) */
  signal?: string;
}
