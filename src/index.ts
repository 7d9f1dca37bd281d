/** The programmatic API: the same pieces the CLI is made of. */
export { type CliIo, exitCodeOf, main } from './cli/cli.js';
export { readRegularFile } from './cli/read-regular-file.js';
export { type Decision, decide, evaluateRules, type RuleEvaluation } from './core/decide.js';
export { compileList, compilePattern } from './core/match-patterns.js';
export { DEFAULT_RULES_PATH, parseRules } from './core/parse-rules.js';
export { type Action, type ApiRequest, planActions } from './core/plan-actions.js';
export { type BuildContext, type Env, type GitRef, readContext } from './core/read-context.js';
export type { Rule, RuleSet } from './core/rules.js';
export { rulesFileSchema } from './core/rules-schema.js';
export { ApiError, CciError, type ErrorCode, RulesError, UsageError } from './errors.js';
export type { RunResult, TriggerResult } from './result.js';
export { type RunDeps, type RunOptions, run } from './run.js';
