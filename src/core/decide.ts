/**
 * The decision, as pure data: skip with a reason, or the rules that fire. Order as docs/cli.md
 * ("What `run` does, in order") says: forked pull request, then the parallel guard, then the
 * rules.
 */
import { UsageError } from '../base/errors.js';
import { listMatcher } from './match-patterns.js';
import { mayMatch } from './may-match.js';
import { checkNameLength } from './name-length.js';
import { quote } from './quote.js';
import type { BuildContext, GitRef } from './read-context.js';
import type { Rule, RuleSet } from './rules.js';

export interface DecideOptions {
  /** the parallel container (CIRCLE_NODE_INDEX) allowed to trigger */
  node: number;
}

export type SkipKind = 'forked-pr' | 'other-node' | 'no-match';

/** One rule tested against one branch or tag, with why it did or did not match. */
export interface RuleEvaluation {
  rule: Rule;
  matched: boolean;
  /** human explanation: the pattern that matched, the one that excluded, or what is missing */
  why: string;
}

export type Decision =
  | { action: 'skip'; kind: SkipKind; reason: string }
  | { action: 'fire'; ref: GitRef; fired: readonly RuleEvaluation[]; reason: string };

export function decide(context: BuildContext, ruleSet: RuleSet, options: DecideOptions): Decision {
  if (context.forkedPullRequest) {
    return {
      action: 'skip',
      kind: 'forked-pr',
      reason: 'forked pull request: deploys are not triggered from forks',
    };
  }
  const otherNode = guardNode(context, options.node);
  if (otherNode) return { action: 'skip', kind: 'other-node', reason: otherNode };
  const ref = context.ref;
  if (ref === undefined) {
    throw new UsageError(
      'neither CIRCLE_BRANCH nor CIRCLE_TAG is set: run this inside a CircleCI job',
    );
  }
  checkNameLength(ref, ref.kind === 'tag' ? 'CIRCLE_TAG' : 'CIRCLE_BRANCH');
  const fired = firedRules(ruleSet, ref);
  if (fired.length === 0) {
    return { action: 'skip', kind: 'no-match', reason: `no rule matches ${describeRef(ref)}` };
  }
  const reason = fired.map((e) => `rule "${e.rule.name}" ${e.why}`).join('; ');
  return { action: 'fire', ref, fired, reason };
}

/** The reason to skip on another parallel container, or undefined when this one may act. */
function guardNode(context: BuildContext, node: number): string | undefined {
  const total = parseCount('CIRCLE_NODE_TOTAL', context.nodeTotal, 1);
  const index = parseCount('CIRCLE_NODE_INDEX', context.nodeIndex, 0);
  if (index === undefined) {
    if (total === undefined || total === 1) return undefined;
    throw new UsageError(
      `CIRCLE_NODE_INDEX is not set while CIRCLE_NODE_TOTAL=${total}: every container would trigger; run this in a CircleCI job step, which sets both`,
    );
  }
  if (total !== undefined && index >= total) {
    throw new UsageError(`CIRCLE_NODE_INDEX=${index} is not below CIRCLE_NODE_TOTAL=${total}`);
  }
  if (total !== undefined && node >= total) {
    throw new UsageError(
      `--node ${node} is not below CIRCLE_NODE_TOTAL=${total}: no node would trigger`,
    );
  }
  if (index === node) return undefined;
  return `node ${index} of ${total ?? '?'}; only node ${node} triggers`;
}

/** A count from `min` up, as CircleCI writes it (`0`, `12`, never `00` or `+1`); undefined when not set. */
function parseCount(name: string, text: string | undefined, min: 0 | 1): number | undefined {
  if (text === undefined) return undefined;
  if (/^(0|[1-9]\d*)$/.test(text) && Number(text) >= min) return Number(text);
  const hint = /^0\d+$/.test(text) ? ' (CircleCI writes it without leading zeros)' : '';
  const kind = min === 0 ? 'a non-negative' : 'a positive';
  throw new UsageError(`${name}=${JSON.stringify(text)} is not ${kind} integer${hint}`);
}

/** Every rule (or, with stopAtFirst, those up to the first match) tested against a ref. */
export function evaluateRules(
  ruleSet: RuleSet,
  ref: GitRef,
  stopAtFirst = false,
): RuleEvaluation[] {
  const evaluations: RuleEvaluation[] = [];
  for (const rule of ruleSet.rules) {
    const evaluation = evaluateRule(rule, ref);
    evaluations.push(evaluation);
    if (stopAtFirst && evaluation.matched) break;
  }
  return evaluations;
}

/**
 * The evaluations of the rules that match, as evaluateRules gives them, without one for each
 * rule that does not: thousands of rules, one name. With `match: first`, a rule with `paths`
 * fires only if one of its paths changed, which is known later: the rules after it stay in, up
 * to the first one without `paths`, and the first of them that fires is the one.
 */
function firedRules(ruleSet: RuleSet, ref: GitRef): RuleEvaluation[] {
  const fired: RuleEvaluation[] = [];
  for (const rule of ruleSet.rules) {
    const patterns = ref.kind === 'tag' ? rule.tags : rule.branches;
    if (patterns === undefined || !anyMayMatch(patterns, ref.name)) continue;
    if (!listMatcher(patterns)(ref.name).matched) continue;
    fired.push(evaluateRule(rule, ref));
    if (ruleSet.match === 'first' && rule.paths === undefined) break;
  }
  return fired;
}

/** Whether one of the list's positive patterns may match: most rules build no matcher. */
function anyMayMatch(patterns: readonly string[], name: string): boolean {
  // Indexed, not for-of: run once per rule, before the code is optimized, for-of makes an iterator.
  for (let i = 0; i < patterns.length; i++) {
    const pattern = patterns[i] ?? '';
    if (!pattern.startsWith('!') && mayMatch(pattern, name)) return true;
  }
  return false;
}

function evaluateRule(rule: Rule, ref: GitRef): RuleEvaluation {
  const patterns = ref.kind === 'tag' ? rule.tags : rule.branches;
  if (patterns === undefined) {
    return {
      rule,
      matched: false,
      why: `has no ${ref.kind === 'tag' ? 'tags' : 'branches'} patterns`,
    };
  }
  const result = listMatcher(patterns)(ref.name);
  const name = describeRef(ref);
  if (result.matched)
    return { rule, matched: true, why: `matches ${name} (pattern "${result.matchedBy}")` };
  if (result.excludedBy !== undefined) {
    return { rule, matched: false, why: `excludes ${name} (pattern "${result.excludedBy}")` };
  }
  return { rule, matched: false, why: `has no pattern matching ${name}` };
}

/** `branch "main"`: the name escaped and cut, as whoever can push chooses it. */
export function describeRef(ref: GitRef): string {
  return `${ref.kind} ${quote(ref.name)}`;
}
