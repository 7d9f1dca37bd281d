/**
 * Rules with `paths` in a run: the checkout is opened first (exit 2 without git or outside the
 * checkout of this build's commit), before anything is read from CircleCI; then each such rule
 * compares the paths changed since its base (--paths-base, else its job's last successful
 * deploy, looked up by the sending code) with its patterns. A rule fires when one matches, and
 * also, with one warning, whenever the comparison cannot be made. Loaded by plan.ts only
 * when a rule with `paths` matched the branch, so that no other run loads git's code.
 * See ARCHITECTURE.md, "Rules with paths".
 */
import type { Logger } from '../base/io.js';
import type { DeployedBase } from '../circleci/deployed-base.js';
import { describeAction, notNeeded } from '../circleci/describe-action.js';
import type { PathsGate, PathsVerdict } from '../circleci/paths-gate.js';
import type { Action } from '../circleci/plan-actions.js';
import {
  type Base,
  firesFor,
  type PathsScan,
  scanPaths,
  skippedFor,
} from '../core/changed-paths.js';
import type { Env } from '../core/read-context.js';
import type { RuleSet } from '../core/rules.js';
import { skippedForPaths, type TriggerResult } from '../core/run-result.js';
import { openRepository } from '../git/repository.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

export interface PathsOptions {
  /** the checkout (--repo-dir) */
  dir: string;
  /** this build's commit */
  sha: string;
  env: Env;
  signal?: AbortSignal | undefined;
  logger: Logger;
  /** --paths-base: the base of every rule, and where it came from (`--paths-base`) */
  given?: { sha: string; origin: string } | undefined;
}

/** Opens the checkout for the fired rules with paths; their gate compares each one's paths. */
export async function openPaths(
  actions: readonly Action[],
  options: PathsOptions,
): Promise<PathsGate> {
  const names = actions.filter((a) => a.rule.paths !== undefined).map((a) => `"${a.rule.name}"`);
  const who =
    names.length === 1
      ? `rule ${names[0]} has paths, which`
      : `rules ${names.join(', ')} have paths, which`;
  const repository = await openRepository({ ...options, who });
  const { logger, given } = options;
  return async (action, findBase) => {
    const label = `rule "${action.rule.name}"`;
    const found: DeployedBase = given ? { sha: given.sha, name: given.origin } : await findBase();
    if ('none' in found) return uncompared(label, found.none, null, logger);
    const base: Base = {
      sha: found.sha,
      whence: given ? given.origin : whence(found.name, action),
    };
    const compared = await repository.changedSince(base.sha);
    if ('problem' in compared) return uncompared(label, compared.problem, base.sha, logger);
    const changed = compared.paths.length;
    const scan = await scanInSlices(action.rule.paths ?? [], compared.paths);
    if (scan.matched) {
      logger.info(`${label} fires: ${firesFor(changed, base, scan.matched.path)}`);
      return { fire: true, paths: { base: base.sha, changed, matched: scan.matched.path } };
    }
    const reason = skippedFor(changed, base, scan);
    logger.info(`${label} skipped: ${reason}`);
    return { fire: false, reason, paths: { base: base.sha, changed, matched: null } };
  };
}

function whence(name: string, action: TriggerAction): string {
  return `${name}, the last successful deploy of ${action.job ?? 'its job'} on ${action.ref.name}`;
}

/** The rule fires without comparing, with one warning that says why. */
function uncompared(label: string, why: string, base: string | null, logger: Logger): PathsVerdict {
  logger.warn(`${label} fires without comparing its paths: ${why}`);
  return { fire: true, paths: { base, changed: null, matched: null, warning: why } };
}

/** Paths to match before a signal gets its turn: a diff may list hundreds of thousands. */
const SLICE = 5000;

async function scanInSlices(
  patterns: readonly string[],
  paths: readonly string[],
): Promise<PathsScan> {
  let scan: PathsScan = {};
  for (let from = 0; from < paths.length && !scan.matched; from += SLICE) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    scan = scanPaths(patterns, paths, from, from + SLICE, scan);
  }
  return scan;
}

/**
 * A dry run with --paths-base: each rule with paths compared with it (git, nothing read from
 * CircleCI), in file order; `match: first` ends at the first rule that fires.
 */
export async function dryRunPaths(
  actions: readonly Action[],
  gate: PathsGate,
  ruleSet: RuleSet,
  dryRun: (action: Action) => TriggerResult,
): Promise<TriggerResult[]> {
  const triggers: TriggerResult[] = [];
  let decided: string | undefined;
  const noLookup = () => Promise.reject(new Error('--paths-base gives the base'));
  for (const action of actions) {
    let result: TriggerResult;
    if (decided) result = notNeeded(action, decided);
    else if (action.kind === 'approve' || action.rule.paths === undefined) result = dryRun(action);
    else {
      const verdict = await gate(action, noLookup);
      result = verdict.fire
        ? { ...dryRun(action), paths: verdict.paths }
        : {
            ...describeAction(action),
            status: 'skipped',
            reason: verdict.reason,
            paths: verdict.paths,
          };
    }
    triggers.push(result);
    if (ruleSet.match === 'first' && !skippedForPaths(result)) decided ??= result.rule;
  }
  return triggers;
}

/** A dry run without --paths-base: each rule with paths is shown, marked, as it would send. */
export function unevaluated(
  actions: readonly Action[],
  ruleSet: RuleSet,
  render: (action: Action) => TriggerResult,
): TriggerResult[] {
  let after = false;
  return actions.map((action) => {
    const result = render(action);
    const conditional = action.rule.paths !== undefined;
    const reason = conditional
      ? 'paths not evaluated: --paths-base gives the commit to compare with'
      : after && ruleSet.match === 'first'
        ? 'only if no rule before it fires for its paths'
        : undefined;
    after ||= conditional;
    if (!conditional) return reason ? { ...result, reason } : result;
    const paths = { base: null, changed: null, matched: null, warning: 'paths not evaluated' };
    return { ...result, reason: reason as string, paths };
  });
}
