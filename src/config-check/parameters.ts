/** The pipeline parameters a v2 trigger sends, and how the config's declarations take them. */
import type { Rule, RuleSet } from '../core/rules.js';
import type { Declared } from './config-model.js';
import type { PipelineValues } from './three-valued.js';

/** What the SHA parameter carries in the checked pipeline: any commit will do. */
const A_SHA = '0000000000000000000000000000000000000000';

/** jobParameter = job, shaParameter = a SHA, then the rule's own parameters. */
export function sentParameters(rule: Rule, ruleSet: RuleSet): Array<[string, unknown]> {
  return [
    ...(rule.job === undefined ? [] : [[ruleSet.jobParameter, rule.job] as [string, unknown]]),
    ...(ruleSet.shaParameter === null ? [] : [[ruleSet.shaParameter, A_SHA] as [string, unknown]]),
    ...Object.entries(rule.parameters),
  ];
}

/** Whether a declared parameter takes the value: CircleCI checks types and enum values. */
export function fits(declared: Declared, value: unknown): boolean {
  switch (declared.type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && (declared.enum ?? []).includes(value);
    default:
      return false;
  }
}

/** Declared parameters at their defaults, then what the trigger sends. */
export function pipelineValues(
  declared: ReadonlyMap<string, Declared>,
  sent: ReadonlyArray<[string, unknown]>,
): PipelineValues {
  const values: Record<string, unknown> = {};
  for (const [name, d] of declared)
    if (d.hasDefault) values[`pipeline.parameters.${name}`] = d.default;
  for (const [name, value] of sent) values[`pipeline.parameters.${name}`] = value;
  return values;
}
