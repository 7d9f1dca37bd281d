/**
 * What a run has done so far, for the moment a signal stops it: CircleCI sends SIGTERM when a
 * workflow is canceled (or auto-canceled) or a step times out, a person at a terminal SIGINT.
 * run() reports its plan and each result as they come; main() turns them into the run's result.
 */
import type { GitRef } from '../core/read-context.js';
import type { RunResult, TriggerResult } from '../result.js';

/** The conventional exit codes: 128 plus the signal's number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

export interface RunProgress {
  /** the rules that fired, about to be acted on (not on a skip or a dry run) */
  planned(
    reason: string,
    header: { ref?: GitRef; sha?: string },
    actions: ReadonlyArray<Omit<TriggerResult, 'status'>>,
  ): void;
  /** one action's result, as soon as it is known */
  done(result: TriggerResult): void;
}

export interface Interruption extends RunProgress {
  /** the run's result when `signal` stopped it now */
  resultAt(signal: string): RunResult;
}

export function createInterruption(): Interruption {
  let plan:
    | {
        reason: string;
        header: { ref?: GitRef; sha?: string };
        actions: ReadonlyArray<Omit<TriggerResult, 'status'>>;
      }
    | undefined;
  const results: TriggerResult[] = [];
  return {
    planned(reason, header, actions) {
      plan = { reason, header, actions };
    },
    done(result) {
      results.push(result);
    },
    resultAt(signal) {
      const stopped = `interrupted by ${signal}`;
      if (plan === undefined) {
        return { decision: 'failed', reason: `${stopped}: nothing was sent`, triggers: [], signal };
      }
      const unknown = plan.actions.slice(results.length).map(
        (action): TriggerResult => ({
          ...action,
          status: 'failed',
          reason: `${stopped} before its outcome was known: a request may have reached CircleCI; check there before rerunning`,
        }),
      );
      const triggers = [...results, ...unknown];
      const acted = results.filter((t) => t.status === 'triggered' || t.status === 'approved');
      const what = [
        ...acted.map((t) => `rule "${t.rule}" ${t.status}`),
        ...unknown.map((t) => `rule "${t.rule}" may have been triggered`),
      ];
      return {
        decision: acted.length > 0 ? 'triggered' : 'failed',
        reason: `${stopped} (${plan.reason}): ${what.join('; ') || 'nothing was sent'}`,
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
