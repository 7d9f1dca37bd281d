/**
 * The words of the parameter checks: each names the rule and the parameter, says what CircleCI
 * would do, and carries the fix: the declaration to add to the config, or, for a value of the
 * wrong type, what the rule should send instead (the config's type is the intended one).
 */
import type { Finding } from './findings.js';
import { renderFix } from './fix-yaml.js';

/** A value as YAML and messages show it. */
const shown = (value: unknown) => JSON.stringify(value);

const typeOfValue = (value: unknown) =>
  typeof value === 'number' ? 'integer' : typeof value === 'boolean' ? 'boolean' : 'string';

const defaultFor = (type: string) => (type === 'integer' ? 0 : type === 'boolean' ? false : '');

export function undeclared(rule: string, path: string, name: string, value: unknown): Finding {
  const type = typeOfValue(value);
  return {
    rule,
    check: 'declared',
    message: `rule "${rule}" sends the pipeline parameter ${name}, which ${path} does not declare: CircleCI would fail the new pipeline with "Unexpected argument(s): ${name}". Declare it:`,
    fix: renderFix({ parameters: { [name]: { type, default: defaultFor(type) } } }),
  };
}

export interface Declaration {
  type: unknown;
  enum: readonly unknown[] | undefined;
  default: unknown;
}

/** A value not in an enum: the value is what the rule is for, so the enum takes it. */
export function notInEnum(
  rule: string,
  path: string,
  name: string,
  value: string,
  declared: Declaration,
): Finding {
  const values = [...(declared.enum ?? []), value].map((v) => String(v));
  return {
    rule,
    check: 'declared',
    message: `rule "${rule}" sends the pipeline parameter ${name} = ${shown(value)}, which is not in the enum of ${path}: CircleCI would fail the new pipeline. Add the value:`,
    fix: renderFix({ parameters: { [name]: { type: 'enum', enum: values } } }),
  };
}

/** The parameters cci-conditional itself fills (job, SHA): their declaration is what changes. */
export function ownParameterType(
  rule: string,
  path: string,
  name: string,
  value: unknown,
  declared: Declaration,
): Finding {
  return {
    rule,
    check: 'declared',
    message: `rule "${rule}" sends the pipeline parameter ${name} = ${shown(value)} (cci-conditional fills it), but ${path} declares it with type ${String(declared.type)}: CircleCI would fail the new pipeline. Declare it as:`,
    fix: renderFix({ parameters: { [name]: { type: 'string', default: '' } } }),
  };
}

/** Another type: the rule sends the value as the config declares it. */
export function wrongType(
  rule: string,
  path: string,
  name: string,
  value: unknown,
  declared: Declaration,
): Finding {
  const type = typeOfValue(value);
  const instead = asDeclared(value, declared);
  const change = JSON.stringify({ parameters: { [name]: instead } });
  return {
    rule,
    check: 'declared',
    message: `rule "${rule}" sends the pipeline parameter ${name} = ${shown(value)} (${type === 'integer' ? 'a number' : `a ${type}`}), but ${path} declares it with type ${String(declared.type)}: CircleCI would fail the new pipeline. Send what the config declares; in the rule: ${change}`,
    fix: undefined,
    ruleFix: { parameters: { [name]: instead } },
  };
}

/** The value converted to the declared type when it says the same, else the declared default. */
function asDeclared(value: unknown, declared: Declaration): unknown {
  const text = String(value);
  const fallback = (fits: (v: unknown) => boolean, otherwise: unknown) =>
    fits(declared.default) ? declared.default : otherwise;
  switch (declared.type) {
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : fallback(Number.isInteger, 0);
    case 'boolean':
      return text === 'true' || text === 'false'
        ? text === 'true'
        : fallback((v) => typeof v === 'boolean', false);
    case 'enum':
      return text;
    default:
      return text;
  }
}

export function oldVersion(rule: string, path: string, names: readonly string[]): Finding {
  return {
    rule,
    check: 'version',
    message: `rule "${rule}" sends pipeline parameters (${names.join(', ')}), but ${path} is a version 2 config, and only version 2.1 configs take pipeline parameters: CircleCI would fail the new pipeline. Make it a 2.1 config:`,
    fix: 'version: 2.1\n',
  };
}
