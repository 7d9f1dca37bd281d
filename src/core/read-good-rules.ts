/**
 * The rules file read without zod: the RuleSet when the file is right, else undefined, and then
 * parse-rules.ts (zod, loaded only then) says what is wrong. It accepts nothing that parseRules
 * refuses: the shape check is generated from the same schema (rules-shape.ts), and the cross-field
 * checks are the same function.
 */
import { checkRules } from './check-rules.js';
import { hasPrototypeKey } from './prototype-keys.js';
import { toRuleSet } from './rule-set.js';
import type { RuleSet, RulesFile } from './rules.js';
import { fitsRulesSchema } from './rules-shape.js';
import { withoutBom } from './without-bom.js';

export function readGoodRules(text: string): RuleSet | undefined {
  const body = withoutBom(text);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!fitsRulesSchema(json) || hasPrototypeKey(json)) return undefined;
  const { rules, ...settings } = json as RulesFile;
  const ruleSet = toRuleSet(settings, rules);
  return checkRules(ruleSet).length === 0 ? ruleSet : undefined;
}
