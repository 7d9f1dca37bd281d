/**
 * Checks that span several fields of the rules file, after its shape is known to be right.
 * Limits of v2 pipeline parameters come from CircleCI's OpenAPI description of the trigger body.
 */
import { needsDefinitionId } from './addressing.js';
import { checkPattern } from './match-patterns.js';
import { checkPathsRule } from './paths-rule.js';
import { checkBacktracking, needsNoCheck } from './pattern-time.js';
import { keyText, quote } from './quote.js';
import type { Rule, RuleSet } from './rules.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_PARAMETERS = 100;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 512;

export function checkRules(ruleSet: RuleSet): string[] {
  // One array for every problem: a file of thousands of good rules allocates nothing per rule.
  const problems = checkSettings(ruleSet);
  for (const rule of ruleSet.rules) {
    checkPatterns(rule, problems);
    pushAll(problems, checkTarget(rule));
    pushAll(problems, checkPathsRule(rule));
    pushAll(problems, rule.api === 'v1.1' ? checkV1(rule) : checkV2(rule, ruleSet));
  }
  return problems;
}

/** Indexed, not for-of: run once per rule, before the code is optimized, for-of makes an iterator. */
function pushAll(problems: string[], more: readonly string[]): void {
  for (let i = 0; i < more.length; i++) problems.push(more[i] ?? '');
}

function checkSettings(ruleSet: RuleSet): string[] {
  if (ruleSet.shaParameter !== ruleSet.jobParameter) return [];
  return [
    `shaParameter: is also the jobParameter (${quote(ruleSet.jobParameter)}): the commit SHA would overwrite the job name; give them different names`,
  ];
}

/** Checks each pattern without building its matcher (the decision builds the few it needs). */
function checkPatterns(rule: Rule, problems: string[]): void {
  if (!rule.branches && !rule.tags) {
    problems.push(`rules[${rule.index}]: needs "branches" or "tags"`);
    return;
  }
  let onlyExclusions = false;
  for (let k = 0; k < KEYS.length; k++) {
    const key = KEYS[k] ?? 'branches';
    const list = rule[key];
    if (list === undefined) continue;
    let included = false;
    for (let i = 0; i < list.length; i++) {
      const pattern = list[i] ?? '';
      const negated = pattern.startsWith('!');
      if (!negated) included = true;
      if (needsNoCheck(pattern, negated)) continue;
      const positive = negated ? pattern.slice(1) : pattern;
      try {
        if (positive === '' || positive.startsWith('!')) {
          throw new Error(`${quote(pattern)}: write one ! followed by a pattern`);
        }
        checkPattern(positive);
        checkBacktracking(positive);
      } catch (error) {
        problems.push(`rules[${rule.index}].${key}[${i}]: ${(error as Error).message}`);
      }
    }
    if (!included) onlyExclusions = true;
  }
  if (onlyExclusions) {
    problems.push(
      `rules[${rule.index}]: a pattern list of only ! exclusions matches nothing; add a pattern to include`,
    );
  }
}

const KEYS = ['branches', 'tags', 'paths'] as const;

const NONE: readonly string[] = [];

function checkTarget(rule: Rule): readonly string[] {
  if (rule.approve === undefined) return NONE;
  const at = `rules[${rule.index}]`;
  const clashing = [
    rule.job !== undefined && 'job',
    Object.keys(rule.parameters).length > 0 && 'parameters',
    rule.project !== undefined && 'project',
  ].filter((key) => key !== false);
  const problems = clashing.map((key) => `${at}.${key}: cannot be combined with "approve"`);
  if (rule.api === 'v1.1')
    problems.push(`${at}.approve: needs api v2 (approval jobs are a v2 feature)`);
  return problems;
}

function isEmpty(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

function checkV1(rule: Rule): string[] {
  const at = `rules[${rule.index}]`;
  if (rule.approve !== undefined) return [];
  const problems: string[] = [];
  if (rule.job === undefined) problems.push(`${at}: "job" is required for api v1.1`);
  if (rule.project?.startsWith('circleci/')) {
    problems.push(
      `${at}.project: ${rule.project} is a v2-only slug; api v1.1 takes gh/ or bb/ projects`,
    );
  }
  if (rule.definitionId !== undefined) {
    problems.push(
      `${at}: "definitionId" needs api v2 (it runs a pipeline definition through pipeline/run)`,
    );
  }
  for (const name of Object.keys(rule.parameters)) {
    if (!ENV_NAME.test(name)) {
      problems.push(
        `${at}.parameters.${keyText(name)}: not a valid environment variable name (letters, digits and _, not starting with a digit)`,
      );
    } else if (name === 'CIRCLE_JOB') {
      problems.push(`${at}.parameters.CIRCLE_JOB: is set from "job"; remove it`);
    }
  }
  return problems;
}

function checkV2(rule: Rule, ruleSet: RuleSet): readonly string[] {
  if (rule.approve !== undefined) return NONE;
  if (rule.project?.startsWith('circleci/') && rule.definitionId === undefined) {
    const at = `rules[${rule.index}].project`;
    return [...checkParameters(rule, ruleSet), needsDefinitionId(at, rule.project)];
  }
  return checkParameters(rule, ruleSet);
}

function checkParameters(rule: Rule, ruleSet: RuleSet): readonly string[] {
  // The common rule (a job, no parameters) has nothing to report: nothing is built for it, not
  // even the list of its parameters' names.
  if (rule.job !== undefined && rule.job.length <= MAX_VALUE_LENGTH && isEmpty(rule.parameters)) {
    return NONE;
  }
  const names = Object.keys(rule.parameters);
  const at = `rules[${rule.index}]`;
  const problems: string[] = [];
  if (rule.job === undefined && names.length === 0) {
    problems.push(`${at}: needs "job" (or non-empty "parameters") for api v2`);
  }
  if (rule.job !== undefined && rule.job.length > MAX_VALUE_LENGTH) {
    problems.push(`${at}.job: longer than ${MAX_VALUE_LENGTH} characters (a v2 parameter value)`);
  }
  const sent = names.length + (rule.job === undefined ? 0 : 1) + (ruleSet.shaParameter ? 1 : 0);
  if (sent > MAX_PARAMETERS) {
    problems.push(
      `${at}.parameters: ${sent} pipeline parameters would be sent; CircleCI takes at most ${MAX_PARAMETERS}`,
    );
  }
  for (const [name, value] of Object.entries(rule.parameters)) {
    const place = `${at}.parameters.${keyText(name)}`;
    if (name === '') problems.push(`${at}.parameters: a parameter needs a name, not ""`);
    if (name.length > MAX_KEY_LENGTH)
      problems.push(`${place}: name longer than ${MAX_KEY_LENGTH} characters`);
    if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) {
      problems.push(`${place}: value longer than ${MAX_VALUE_LENGTH} characters`);
    }
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      problems.push(
        `${place}: ${value} is not an integer (v2 parameters are integers, strings or booleans)`,
      );
    }
    if (name === ruleSet.jobParameter && rule.job !== undefined) {
      problems.push(`${place}: is the job parameter, set from "job"; remove one of them`);
    }
    if (name === ruleSet.shaParameter) {
      problems.push(
        `${place}: is the SHA parameter, set to CIRCLE_SHA1; remove it or set "shaParameter" to null`,
      );
    }
  }
  return problems;
}
