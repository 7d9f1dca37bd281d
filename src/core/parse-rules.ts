/**
 * Turns the text of a rules file into a validated RuleSet, or a RulesError that lists every
 * problem with its place (`rules[2].branches[0]: ...`, or line and column for JSON syntax).
 */
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import { RulesError } from '../base/errors.js';
import { checkRules } from './check-rules.js';
import { prototypeKeys } from './prototype-keys.js';
import { escapeControls, keyText, quote } from './quote.js';
import { DEFAULT_RULES_PATH, type Settings, toRuleSet } from './rule-set.js';
import type { RuleInFile, RuleSet } from './rules.js';
import { rulesFileSchema } from './rules-schema.js';
import { unknownKeyProblem } from './unknown-key.js';
import { withoutBom } from './without-bom.js';

export { DEFAULT_RULES_PATH };

export function parseRules(text: string, file = DEFAULT_RULES_PATH): RuleSet {
  let json: unknown;
  const body = withoutBom(text);
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new RulesError(file, [syntaxProblem(body, error as Error)]);
  }
  // Without reportInput zod drops the offending value, and every wrong type would read "is required".
  const parsed = rulesFileSchema.safeParse(json, { reportInput: true });
  const hidden = prototypeKeys(json);
  if (!parsed.success || hidden.length > 0) {
    const issues = parsed.error?.issues ?? [];
    throw new RulesError(file, [
      ...hidden,
      ...issues.flatMap(describeIssue),
      ...checkSoundRules(json, issues),
    ]);
  }
  const { rules, ...settings } = parsed.data;
  const ruleSet = toRuleSet(settings, rules);
  const problems = checkRules(ruleSet);
  if (problems.length > 0) throw new RulesError(file, problems);
  return ruleSet;
}

/**
 * The cross-field checks of the rules whose shape is right, when others' is not, so that one
 * pass reports every problem. File settings that are wrong themselves count as unset.
 */
function checkSoundRules(json: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  const file = json as Record<string, unknown> | null;
  if (typeof file !== 'object' || file === null || !Array.isArray(file.rules)) return [];
  const broken = new Set(issues.filter((i) => i.path[0] === 'rules').map((i) => i.path[1]));
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(rulesFileSchema.shape)) {
    if (key !== 'rules' && schema.safeParse(file[key]).success) settings[key] = file[key];
  }
  const sound: RuleInFile[] = [];
  const indexes: number[] = [];
  (file.rules as unknown[]).forEach((rule, index) => {
    if (broken.has(index)) return;
    sound.push(rule as RuleInFile);
    indexes.push(index);
  });
  return checkRules(toRuleSet(settings as Settings, sound, indexes));
}

/** `rules[2].branches[0]` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number'
        ? `[${key}]`
        : i === 0
          ? keyText(String(key))
          : `.${keyText(String(key))}`,
    )
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = (path: readonly PropertyKey[]) => formatPath(path) || '(top level)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        unknownKeyProblem(at([...issue.path, key]), key, issue.path[0] === 'rules'),
      );
    case 'invalid_type':
      return [
        issue.input === undefined
          ? `${at(issue.path)}: is required`
          : `${at(issue.path)}: must be ${article(issue.expected)}, not ${kindOf(issue.input)}`,
      ];
    case 'too_small':
      return [
        issue.origin === 'array'
          ? `${at(issue.path)}: must not be empty`
          : issue.origin === 'string' && issue.minimum === 1
            ? `${at(issue.path)}: must not be empty`
            : `${at(issue.path)}: ${issue.message}`,
      ];
    case 'too_big':
      return [`${at(issue.path)}: must be at most ${issue.maximum} characters`];
    case 'invalid_value':
      return [
        `${at(issue.path)}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${valueText(issue.input)}`,
      ];
    case 'invalid_union':
      return [`${at(issue.path)}: must be a string, number or boolean, not ${kindOf(issue.input)}`];
    case 'invalid_format':
      return [
        issue.format === 'guid'
          ? `${at(issue.path)}: must be a pipeline definition id (8-4-4-4-12 hex digits), not ${quote(String(issue.input))}`
          : `${at(issue.path)}: ${issue.message}, not ${quote(String(issue.input))}`,
      ];
    case 'invalid_key':
      // A parameter name that is refused: its path ends with the name.
      return issue.issues.map((inner) => `${at(issue.path)}: ${inner.message}`);
    default:
      return [`${at(issue.path)}: ${issue.message}`];
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'an array';
  // zod calls the parameters map a record; in JSON it is an object.
  if (expected === 'object' || expected === 'record') return 'an object';
  return `a ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${valueText(value)}`;
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? quote(value) : JSON.stringify(value);
}

/** JSON.parse does not always say where it failed; jsonc-parser always gives the offset. */
function syntaxProblem(text: string, error: Error): string {
  const found: ParseError[] = [];
  try {
    parseTree(text, found, { disallowComments: true, allowTrailingComma: false });
  } catch {
    // jsonc-parser recurses and overflows the stack on JSON nested thousands deep.
    return `JSON syntax error: ${escapeControls(error.message)}`;
  }
  const first = found[0];
  if (first === undefined) return `JSON syntax error: ${escapeControls(error.message)}`;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  const reason = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `JSON syntax error at line ${line}, column ${column}: ${reason}`;
}
