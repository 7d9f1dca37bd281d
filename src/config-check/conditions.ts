/**
 * A `when:` or `unless:` of a CircleCI config, evaluated as CircleCI compiles it, three-valued:
 * literals and their truthiness, `<< pipeline.x >>` substitution, the logic statements `and`,
 * `or`, `not`, `equal`, `matches`, and expression strings (expression.ts). See ARCHITECTURE.md,
 * "Conditions in a CircleCI config".
 */
import { evaluateExpression, parseExpression } from './expression.js';
import {
  all,
  any,
  lookup,
  not,
  type PipelineValues,
  type Truth,
  truthOf,
  UNKNOWN,
  wholeMatch,
} from './three-valued.js';

const SUBSTITUTION = /<<\s*([\w.-]+)\s*>>/g;
const ONLY_SUBSTITUTION = /^\s*<<\s*([\w.-]+)\s*>>\s*$/;

/**
 * A value with `<< pipeline.x >>` replaced: alone, the parameter's own value (a boolean stays a
 * boolean); inside text, its text. Anything else in `<< >>` (or an unknown value) is UNKNOWN.
 */
export function substitute(value: unknown, values: PipelineValues): unknown {
  if (typeof value !== 'string') return value;
  const alone = ONLY_SUBSTITUTION.exec(value);
  if (alone) return pipelineValue(alone[1] ?? '', values);
  let unknown = false;
  const text = value.replace(SUBSTITUTION, (_, name: string) => {
    const found = pipelineValue(name, values);
    if (found === UNKNOWN) unknown = true;
    return String(found);
  });
  return unknown ? UNKNOWN : text;
}

function pipelineValue(name: string, values: PipelineValues): unknown {
  return name.startsWith('pipeline.') ? lookup(values, name) : UNKNOWN;
}

/** Whether a condition holds. */
export function evaluateCondition(condition: unknown, values: PipelineValues): Truth {
  if (typeof condition === 'string') return evaluateString(condition, values);
  if (Array.isArray(condition)) return condition.length === 0 ? UNKNOWN : true;
  if (condition === null || typeof condition !== 'object') return truthOf(condition);
  const entries = Object.entries(condition);
  const [key, argument] = entries[0] ?? [];
  if (entries.length !== 1 || key === undefined) return entries.length > 0;
  switch (key) {
    case 'and':
      return listOf(argument, (list) => all(list.map((c) => evaluateCondition(c, values))));
    case 'or':
      return listOf(argument, (list) => any(list.map((c) => evaluateCondition(c, values))));
    case 'not':
      return not(evaluateCondition(argument, values));
    case 'equal':
      return listOf(argument, (list) => equal(list.map((v) => substitute(v, values))));
    case 'matches':
      return matches(argument, values);
    default:
      // A map that is not a logic statement is a literal, and truthy.
      return true;
  }
}

/** A string condition: a substituted literal, or an expression when it parses as one. */
function evaluateString(text: string, values: PipelineValues): Truth {
  if (text.includes('<<')) return truthOf(substitute(text, values));
  const expression = parseExpression(text);
  return expression ? truthOf(evaluateExpression(expression, values)) : truthOf(text);
}

/** A statement with no arguments is false. */
function listOf(argument: unknown, evaluate: (list: readonly unknown[]) => Truth): Truth {
  if (argument === null || argument === undefined) return false;
  const list = Array.isArray(argument) ? argument : [argument];
  return list.length === 0 ? false : evaluate(list);
}

/** All values equal; two known values that differ decide it whatever the unknown ones are. */
function equal(list: readonly unknown[]): Truth {
  const known = list.filter((v) => v !== UNKNOWN);
  const first = JSON.stringify(known[0]);
  if (known.some((v) => JSON.stringify(v) !== first)) return false;
  return known.length === list.length ? true : UNKNOWN;
}

function matches(argument: unknown, values: PipelineValues): Truth {
  if (argument === null || typeof argument !== 'object') return false;
  const { pattern, value } = argument as { pattern?: unknown; value?: unknown };
  const text = substitute(value, values);
  const regex = substitute(pattern, values);
  if (text === UNKNOWN || regex === UNKNOWN) return UNKNOWN;
  if (typeof regex !== 'string') return false;
  return wholeMatch(regex, String(text));
}
