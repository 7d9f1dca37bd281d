/** The programmatic API: the same pieces the CLI is made of. */
export { type CliIo, exitCodeOf, main } from './cli.js';
export { type Decision, decide, evaluateRules, type RuleEvaluation } from './decide.js';
export { ApiError, CciError, type ErrorCode, RulesError, UsageError } from './errors.js';
export { compileList, compilePattern } from './match-patterns.js';
export { DEFAULT_RULES_PATH, parseRules } from './parse-rules.js';
export { type Action, type ApiRequest, planActions } from './plan-actions.js';
export { type BuildContext, type Env, type GitRef, readContext } from './read-context.js';
export { readRegularFile } from './read-regular-file.js';
export type { RunResult, TriggerResult } from './result.js';
export type { Rule, RuleSet } from './rules.js';
export { rulesFileSchema } from './rules-schema.js';
export { type RunDeps, type RunOptions, run } from './run.js';
