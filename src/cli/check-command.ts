/**
 * `check`: which rules match a branch or tag name, read from the rules file alone (no CIRCLE_*
 * variable, nothing sent). A rule with `paths` fires only when one of its paths changed: with
 * `--changed` (or `--changed-from`) that is decided here, without git or the API; without it,
 * such a rule counts as matching and is shown as firing if a matching path changed.
 */

import { UsageError } from '../base/errors.js';
import { pathsVerdict } from '../core/changed-paths.js';
import { describeRef, evaluateRules, type RuleEvaluation } from '../core/decide.js';
import { loadRules } from '../core/load-rules.js';
import { checkNameLength } from '../core/name-length.js';
import { escapeControls, jsonLine } from '../core/quote.js';
import type { GitRef } from '../core/read-context.js';
import { sunsetWarnings } from '../core/sunset-warnings.js';
import { type ChangedInput, readChanged } from './changed-input.js';
import type { CommandIo } from './validate-command.js';

/** A rule's evaluation with its paths (`changed` null: they were not compared). */
interface Checked extends RuleEvaluation {
  paths?: { changed: number | null; matched: string | null };
  /** whether it fires depends on what is not known here (its paths, or an earlier rule's) */
  conditional: boolean;
}

/** Exit 0 when a rule matches the name (and, given the changed paths, fires), 1 when none does. */
export async function checkCommand(
  path: string,
  ref: GitRef | undefined,
  io: CommandIo,
  input: ChangedInput = { given: [], from: undefined },
): Promise<number> {
  if (ref === undefined) throw new UsageError('check needs --branch NAME or --tag NAME');
  checkNameLength(ref, `--${ref.kind}`);
  const ruleSet = await loadRules(path, io.readFile);
  const changed = await readChanged(input, io.readFile);
  const warnings = sunsetWarnings(ruleSet);
  for (const warning of warnings) io.logger.warn(warning);
  const evaluations = evaluateRules(ruleSet, ref).map((e) => withPaths(e, changed));
  const matching = evaluations.filter((e) => e.matched);
  const fires: Checked[] = [];
  for (const e of matching) {
    // match: first: a rule whose paths are not known lets the next one stand too.
    if (ruleSet.match === 'first' && fires.some((f) => !f.conditional)) break;
    fires.push(fires.length > 0 && ruleSet.match === 'first' ? { ...e, conditional: true } : e);
  }
  const firing = (e: Checked) => fires.find((f) => f.rule === e.rule);
  if (io.json) {
    const rules = evaluations.map((e) => ({
      rule: e.rule.name,
      matched: e.matched,
      fires: firing(e) !== undefined,
      why: whyOf(e, firing(e)),
      ...(e.paths ? { paths: e.paths } : {}),
    }));
    io.stdout.write(`${jsonLine({ ref, matched: matching.length > 0, rules, warnings })}\n`);
  } else {
    const lines = evaluations.map((e) => {
      const target = e.rule.approve
        ? `approve ${e.rule.approve}`
        : `${e.rule.job ?? 'pipeline'} (${e.rule.api})`;
      const mark = firing(e) ? 'fires  ' : e.matched ? 'matches' : 'no     ';
      const why = whyOf(e, firing(e));
      return escapeControls(`  ${mark} ${e.rule.name}: ${why}${e.matched ? ` → ${target}` : ''}`);
    });
    const and = changed === undefined ? '' : ' and the changed paths';
    const verdict =
      fires.length === 0
        ? `no rule matches ${describeRef(ref)}${and}: nothing would be triggered`
        : `would trigger: ${fires.map(fireText).join(', ')} (match: ${ruleSet.match})`;
    const head = escapeControls(`${describeRef(ref)} against ${path}:`);
    io.stdout.write(`${head}\n${lines.join('\n')}\n${escapeControls(verdict)}\n`);
  }
  return matching.length > 0 ? 0 : 1;
}

/** The evaluation with the rule's paths compared with the changed ones, when they are given. */
function withPaths(e: RuleEvaluation, changed: readonly string[] | undefined): Checked {
  const patterns = e.rule.paths;
  if (!e.matched || patterns === undefined) return { ...e, conditional: false };
  if (changed === undefined) {
    const paths = { changed: null, matched: null };
    return { ...e, paths, conditional: true, why: `${e.why}; fires if a matching path changed` };
  }
  const verdict = pathsVerdict(patterns, changed);
  const paths = { changed: changed.length, matched: verdict.matched };
  const why = `${e.why}, ${verdict.fires ? 'and' : 'but'} ${verdict.why}`;
  return { ...e, matched: verdict.fires, paths, conditional: false, why };
}

/** `api if a matching path changed`, or the name alone when it fires for sure. */
function fireText(e: Checked): string {
  if (!e.conditional) return e.rule.name;
  const when = e.rule.paths ? 'a matching path changed' : 'no rule before it fires for its paths';
  return `${e.rule.name} if ${when}`;
}

/** A rule that fires only if the rules before it do not fire for their paths says so. */
function whyOf(e: Checked, fires: Checked | undefined): string {
  if (fires === undefined || !fires.conditional || e.rule.paths !== undefined) return e.why;
  return `${e.why}; fires if no rule before it fires for its paths`;
}
