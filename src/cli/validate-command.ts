/** `validate`: reads the rules file (and the config), sends nothing. */

import { UsageError } from '../base/errors.js';
import type { Logger, TextSink } from '../base/io.js';
import { type ConfigSource, checkedRules } from '../config-check/checked-rules.js';
import { countsOf } from '../config-check/findings.js';
import type { FileCheck } from '../config-check/index.js';
import { checkConfigFileOn, type Isolate, worthIsolating } from '../config-check/isolated.js';
import { addressingProblems } from '../core/addressing.js';
import { loadRules } from '../core/load-rules.js';
import { escapeControls, jsonLine } from '../core/quote.js';
import { type Env, readContext } from '../core/read-context.js';
import type { RuleSet } from '../core/rules.js';
import { sunsetWarnings } from '../core/sunset-warnings.js';

export interface CommandIo {
  stdout: TextSink;
  readFile: (path: string) => Promise<string>;
  json: boolean;
  logger: Logger;
  /** validate inside a job: the CIRCLE_* variables tell how this project is addressed */
  env?: Env;
  /** runs the config check on another thread (the bin's worker) */
  isolate?: Isolate;
}

/**
 * Exit 0 when valid; an invalid file throws a RulesError listing every problem (exit 2). With
 * `config`, the CircleCI config is checked against the rules too: a problem is exit 2.
 */
export async function validateCommand(
  path: string,
  io: CommandIo,
  config?: ConfigSource,
): Promise<number> {
  const ruleSet = await loadRules(path, io.readFile, true);
  const warnings = sunsetWarnings(ruleSet);
  for (const warning of warnings) io.logger.warn(warning);
  const summary = `${path} is valid: ${ruleSet.rules.length} rule(s), api ${[...new Set(ruleSet.rules.map((r) => r.api))].join(' and ')}, match ${ruleSet.match}`;
  // Inside a job: rules that cannot reach this project (GitHub App without definitionId, GitLab).
  const addressing = io.env ? addressingProblems(ruleSet, readContext(io.env)) : [];
  const checked = config ? await checkTheConfig(config, ruleSet, path, io) : undefined;
  const check = checked?.check;
  const asLine = checked?.asLine ?? String;
  const problems = check?.problems ?? [];
  const found = check?.warnings ?? [];
  if (io.json) {
    // Every problem and warning as a line of text; the config's findings as data as well.
    const fields =
      config && check
        ? {
            problems: [...addressing, ...problems.map(asLine)],
            config: { path: config.path, checked: check.checked, problems, warnings: found },
          }
        : addressing.length > 0
          ? { problems: addressing }
          : {};
    const valid = problems.length === 0 && addressing.length === 0;
    const all = [...warnings, ...found.map(asLine)];
    const result = { valid, rules: ruleSet.rules.length, warnings: all, ...fields };
    io.stdout.write(`${jsonLine(result)}\n`);
  } else {
    io.stdout.write(`${escapeControls(summary)}\n`);
    for (const problem of addressing) io.logger.error(problem);
    for (const warning of found) io.logger.warn(asLine(warning));
    for (const problem of problems) io.logger.error(asLine(problem));
    if (config && check?.checked) {
      const verdict = problems.length > 0 ? 'does not fit the rules' : 'fits the rules';
      const line = `${config.path} ${verdict}: ${checkedRules(ruleSet.rules).length} v2 rule(s) checked, ${countsOf(check)}`;
      if (problems.length > 0) io.logger.error(line);
      else io.stdout.write(`${escapeControls(line)}\n`);
    }
  }
  return problems.length > 0 || addressing.length > 0 ? 2 : 0;
}

/** The config check, loaded only when there are v2 rules of this project to check. */
async function checkTheConfig(
  config: ConfigSource,
  ruleSet: RuleSet,
  rulesPath: string,
  io: CommandIo,
) {
  if (checkedRules(ruleSet.rules).length === 0) return undefined;
  const { checkConfigFile, findingAsLine } = await import('../config-check/index.js');
  // A config that could keep this thread busy for long is checked on the bin's worker thread.
  const read = io.readFile(config.path);
  read.catch(() => {}); // the check says what went wrong
  const readFile = (path: string) => (path === config.path ? read : io.readFile(path));
  const far = io.isolate !== undefined && (await read.then(worthIsolating, () => false));
  const check =
    io.isolate && far
      ? await checkConfigFileOn<FileCheck>(io.isolate, {
          source: config,
          ruleSet,
          rulesPath,
          strict: true,
        }).catch((error: unknown) => {
          if (error instanceof UsageError) throw error;
          throw new UsageError(
            `${config.path} could not be checked against the rules (${(error as Error)?.message})`,
          );
        })
      : await checkConfigFile(config, ruleSet, readFile, { rulesPath, strict: true });
  if (!check.checked && check.warnings.length === 0)
    io.logger.debug(`no ${config.path}: the config is not checked (--config names it)`);
  return { check, asLine: findingAsLine };
}
