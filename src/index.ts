/**
 * The programmatic API: the same pieces the CLI is made of. Its types are the project's own (the
 * logger, the schema): the published declarations import no package.
 */
import type { RulesFileSchema } from './core/rules.js';
import { rulesFileSchema as schema } from './core/rules-schema.js';

export { ApiError, CciError, type ErrorCode, RulesError, UsageError } from './base/errors.js';
export type { Logger, LogMethod, ReadFile, TextSink } from './base/io.js';
export { readRegularFile } from './base/read-regular-file.js';
export { type Action, type ApiRequest, planActions } from './circleci/plan-actions.js';
export { type CliIo, exitCodeOf, main } from './cli/cli.js';
export { type Decision, decide, evaluateRules, type RuleEvaluation } from './core/decide.js';
export { compileList, compilePattern } from './core/match-patterns.js';
export { DEFAULT_RULES_PATH, parseRules } from './core/parse-rules.js';
export { type BuildContext, type Env, type GitRef, readContext } from './core/read-context.js';
export type {
  Rule,
  RuleInFile,
  RuleSet,
  RulesFile,
  RulesFileSchema,
  RulesFileShape,
} from './core/rules.js';
export type { RunResult, TriggerResult } from './core/run-result.js';
export { type RunDeps, type RunOptions, run } from './run/run.js';

/** The rules file's schema: `rulesFileSchema.safeParse(JSON.parse(text))`. */
export const rulesFileSchema: RulesFileSchema = schema;
