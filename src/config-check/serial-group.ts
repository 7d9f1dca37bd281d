/**
 * Deploy order: a target job of a branch rule without `serial-group` is a warning. Two commits
 * pushed a minute apart build in parallel; if the older one finishes last, its deploy runs last
 * and the older commit goes live. A serial group (an organisation-wide lock per key, where the
 * newer pipeline wins and the older job is skipped) prevents it; the key names the project
 * because the group is shared by the whole organisation.
 */
import type { Finding } from './findings.js';
import { entryOf, renderFix } from './fix-yaml.js';
import { type RuleCheck, reachOf, targetInvocationsOf } from './rule-check.js';

/** The key CircleCI's docs write: the project's slug, then the deploy. */
export const serialGroupFor = (job: string) => `<< pipeline.project.slug >>/deploy-${job}`;

/** `moving`: the workflows the target moves out of (the move gives it its serial group). */
export function checkOrder(check: RuleCheck, moving: ReadonlySet<string> = new Set()): Finding[] {
  const { rule } = check;
  if (check.ref.kind !== 'branch' || rule.job === undefined) return [];
  const job = rule.job;
  return targetInvocationsOf(check, job)
    .filter(
      ({ workflow, invocation, workflowRuns }) =>
        workflowRuns !== false &&
        !moving.has(workflow.name) &&
        reachOf(check, workflow).runs(invocation) !== false &&
        invocation.settings['serial-group'] === undefined,
    )
    .map(({ workflow, invocation }) => ({
      rule: rule.name,
      check: 'order' as const,
      message: `rule "${rule.name}" deploys job ${job} (workflow ${workflow.name}) on branches, and it has no serial-group: two commits whose pipelines finish out of order would deploy in the wrong order, the older one last. With a serial group, the newer pipeline wins and the older deploy is skipped. Add:`,
      fix: renderFix({
        workflows: {
          [workflow.name]: {
            jobs: [entryOf(invocation, { 'serial-group': serialGroupFor(job) })],
          },
        },
      }),
    }));
}
