/** `check` and `validate`: read the rules file only, send nothing, read no CIRCLE_* variable. */
import type { Logger } from 'pino';
import { describeRef, evaluateRules } from './decide.js';
import { UsageError } from './errors.js';
import { loadRules } from './load-rules.js';
import type { TextSink } from './logger.js';
import { escapeControls, jsonLine } from './quote.js';
import type { GitRef } from './read-context.js';
import { sunsetWarnings } from './sunset-warnings.js';

export interface CommandIo {
  stdout: TextSink;
  readFile: (path: string) => Promise<string>;
  json: boolean;
  logger: Logger;
}

/** Exit 0 when valid; an invalid file throws a RulesError listing every problem (exit 2). */
export async function validateCommand(path: string, io: CommandIo): Promise<number> {
  const ruleSet = await loadRules(path, io.readFile, true);
  const warnings = sunsetWarnings(ruleSet);
  for (const warning of warnings) io.logger.warn(warning);
  const summary = `${path} is valid: ${ruleSet.rules.length} rule(s), api ${[...new Set(ruleSet.rules.map((r) => r.api))].join(' and ')}, match ${ruleSet.match}`;
  io.stdout.write(
    io.json
      ? `${jsonLine({ valid: true, rules: ruleSet.rules.length, warnings })}\n`
      : `${escapeControls(summary)}\n`,
  );
  return 0;
}

/** Exit 0 when a rule matches the name, 1 when none does. */
export async function checkCommand(
  path: string,
  ref: GitRef | undefined,
  io: CommandIo,
): Promise<number> {
  if (ref === undefined) throw new UsageError('check needs --branch NAME or --tag NAME');
  const ruleSet = await loadRules(path, io.readFile);
  const warnings = sunsetWarnings(ruleSet);
  for (const warning of warnings) io.logger.warn(warning);
  const evaluations = evaluateRules(ruleSet, ref);
  const matching = evaluations.filter((e) => e.matched);
  const fires = ruleSet.match === 'first' ? matching.slice(0, 1) : matching;
  if (io.json) {
    const rules = evaluations.map((e) => ({
      rule: e.rule.name,
      matched: e.matched,
      fires: fires.includes(e),
      why: e.why,
    }));
    io.stdout.write(`${jsonLine({ ref, matched: matching.length > 0, rules, warnings })}\n`);
  } else {
    const lines = evaluations.map((e) => {
      const target = e.rule.approve
        ? `approve ${e.rule.approve}`
        : `${e.rule.job ?? 'pipeline'} (${e.rule.api})`;
      const mark = fires.includes(e) ? 'fires  ' : e.matched ? 'matches' : 'no     ';
      return escapeControls(`  ${mark} ${e.rule.name}: ${e.why}${e.matched ? ` → ${target}` : ''}`);
    });
    const verdict =
      fires.length === 0
        ? `no rule matches ${describeRef(ref)}: nothing would be triggered`
        : `would trigger: ${fires.map((e) => e.rule.name).join(', ')} (match: ${ruleSet.match})`;
    const head = escapeControls(`${describeRef(ref)} against ${path}:`);
    io.stdout.write(`${head}\n${lines.join('\n')}\n${escapeControls(verdict)}\n`);
  }
  return matching.length > 0 ? 0 : 1;
}
