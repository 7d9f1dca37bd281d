/**
 * What a run has done so far, for the moment a signal stops it: CircleCI sends SIGTERM when a
 * workflow is canceled (or auto-canceled) or a step times out, a person at a terminal SIGINT.
 * run() reports its plan, each request that may act, each trigger CircleCI accepted and each
 * result as they come; main() turns them into the run's result, whatever stage it stopped at.
 * See ARCHITECTURE.md, "Signals".
 */

import { CciError } from '../base/errors.js';
import type { GitRef } from '../core/read-context.js';
import type { RunResult, TriggerResult } from '../core/run-result.js';
import type { RunProgress } from '../run/options.js';

/** The conventional exit codes: 128 plus the signal's number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

type Header = { ref?: GitRef; sha?: string };

export interface Interruption extends RunProgress {
  /** the run's result when `signal` stopped it now */
  resultAt(signal: string): RunResult;
}

/** What is known of one planned action. */
type Stage =
  | { stage: 'planned' }
  | { stage: 'sending' }
  | { stage: 'accepted' | 'done'; result: TriggerResult };

export function createInterruption(
  options: {
    /** aborted by a signal: from then on no request that may act goes out */
    signal?: AbortSignal;
    /** told, as soon as a trigger is accepted, what the run has triggered so far */
    onAccepted?: (result: RunResult) => void;
  } = {},
): Interruption {
  let plan:
    | { reason: string; header: Header; actions: ReadonlyArray<Omit<TriggerResult, 'status'>> }
    | undefined;
  const stages: Stage[] = [];
  return {
    planned(reason, header, actions) {
      plan = { reason, header, actions };
      stages.splice(0, stages.length, ...actions.map((): Stage => ({ stage: 'planned' })));
    },
    sending(index) {
      const { signal } = options;
      if (signal?.aborted) {
        throw new CciError('API', `interrupted by ${String(signal.reason)}: not sending`);
      }
      if (stages[index]?.stage === 'planned') stages[index] = { stage: 'sending' };
    },
    accepted(index, result) {
      stages[index] = { stage: 'accepted', result };
      if (plan === undefined || options.onAccepted === undefined) return;
      const triggers = stages.flatMap((s) =>
        'result' in s && s.result.status === 'triggered' ? [s.result] : [],
      );
      options.onAccepted({ decision: 'triggered', reason: plan.reason, ...plan.header, triggers });
    },
    done(index, result) {
      stages[index] = { stage: 'done', result };
    },
    resultAt(signal) {
      const stopped = `interrupted by ${signal}`;
      if (plan === undefined) {
        return { decision: 'failed', reason: `${stopped}: nothing was sent`, triggers: [], signal };
      }
      const what: string[] = [];
      const triggers = plan.actions.map((action, i): TriggerResult => {
        const known = stages[i] ?? { stage: 'planned' };
        if ('result' in known) {
          const { status } = known.result;
          if (status === 'triggered' || status === 'approved')
            what.push(`rule "${action.rule}" ${status}`);
          return known.result;
        }
        if (known.stage === 'sending') {
          what.push(`rule "${action.rule}" may have been triggered`);
          const reason = `${stopped} before its outcome was known: a request may have reached CircleCI; check there before rerunning`;
          return { ...action, status: 'failed', reason };
        }
        what.push(`rule "${action.rule}" was not sent`);
        return {
          ...action,
          status: 'failed',
          reason: `${stopped} before it was sent: nothing was sent for it`,
        };
      });
      const sent = stages.some((s) => s.stage !== 'planned');
      const acted = triggers.some((t) => t.status === 'triggered' || t.status === 'approved');
      return {
        decision: acted ? 'triggered' : 'failed',
        reason: `${stopped} (${plan.reason}): ${sent ? what.join('; ') : 'nothing was sent'}`,
        ...plan.header,
        triggers,
        signal,
      };
    },
  };
}

/**
 * The work's value, or `onSignal(name)` as soon as `signal` aborts with a signal's name. The work
 * goes on unobserved (its requests end with the process); its failure is then of no interest.
 */
export function untilSignal<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  onSignal: (name: string) => T,
): Promise<T> {
  if (signal === undefined) return work;
  const stopped = new Promise<T>((resolve) => {
    const stop = () => resolve(onSignal(String(signal.reason)));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  work.catch(() => {});
  return Promise.race([work, stopped]);
}
