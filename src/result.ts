/** What a run produced: printed with --json, written to $BASH_ENV, mapped to the exit code. */

import type { RenderedRequest } from './cli/render-request.js';
import type { SkipKind } from './core/decide.js';
import type { GitRef } from './core/read-context.js';
import type { Api } from './core/rules.js';

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
  /**
   * --wait: how the build or pipeline ended. `status`: the build's outcome, the first workflow
   * that did not succeed, `success`, `no-workflow`, `timed-out` or `unknown` (could not be read).
   */
  outcome?: { status: string; success: boolean; url?: string; detail?: string };
}

export interface RunResult {
  decision: DecisionName;
  reason: string;
  /** why nothing fired: forked-pr, other-node or no-match */
  skip?: SkipKind;
  ref?: GitRef;
  sha?: string;
  triggers: TriggerResult[];
  /** --wait saw a build or pipeline end badly, or gave up waiting (exit 3) */
  waitFailed?: boolean;
  /** the signal that stopped the run (SIGTERM: exit 143, SIGINT: exit 130) */
  signal?: string;
}
