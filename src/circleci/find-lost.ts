/**
 * After a send whose outcome is unknown: the build or pipeline it created, looked for at once,
 * then 3, 10, 30 and 60 s after that send, and --timeout + 10 s after it when that is later
 * (nothing shows how fast CircleCI lists a new one, and an answer may come after the client gave
 * up). Only when every look found nothing is it sent again; the looks follow every send whose
 * outcome is unknown, a re-send included. Never twice; when unsure, say so and stop.
 * See ARCHITECTURE.md, "Lost answers".
 */
import { lookTimes } from '../core/look-schedule.js';
import type { SendAttempt } from './circleci-client.js';
import type { Lookups } from './lookups.js';
import { lookForBuild } from './lost-build.js';
import type { BuildAnswer, PipelineAnswer } from './lost-candidates.js';
import { lookForPipeline } from './lost-pipeline.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

/**
 * The lookup after each send of `action` whose outcome is unknown: what it found is the
 * trigger's answer; undefined: nothing was listed in any look (send again). More than one
 * candidate, or one it cannot judge: an UnsureError naming them (nothing is sent again).
 */
export function findLost(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
): (attempt: SendAttempt) => Promise<PipelineAnswer | BuildAnswer | undefined> {
  return async ({ sentAt, firstSentAt }) => {
    const login = await lookups.login(action);
    const times = lookTimes(sentAt, tools.timeoutMs);
    let looked = false;
    for (const at of times) {
      const wait = at - tools.now();
      // Looks whose time passed while the send or an earlier look took its time are one look.
      if (looked && wait <= 0) continue;
      looked = true;
      if (wait > 0) {
        tools.logger.debug(
          `not listed yet; looking again in ${wait / 1000} s before sending again`,
        );
        await tools.sleep(wait);
      }
      const found =
        action.kind === 'v1.1'
          ? await lookForBuild(action, tools, lookups, { login, firstSentAt })
          : await lookForPipeline(action, tools, lookups, { login, firstSentAt });
      if (found) return found;
    }
    const span = Math.round(((times[times.length - 1] ?? sentAt) - sentAt) / 1000);
    tools.logger.info(`nothing this send created was listed within ${span} s after it`);
    return undefined;
  };
}
