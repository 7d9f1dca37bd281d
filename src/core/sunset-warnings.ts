/**
 * CircleCI removes the API v1.1 (and v1) trigger endpoints on 1 February 2027, on cloud and
 * server (ARCHITECTURE.md, "The end of API v1.1"). v1.1 rules stay valid until then, but every file that has them is
 * told, once, when and how to move.
 */
import type { RuleSet } from './rules.js';

/** The day the v1.1 trigger answers 410 Gone. */
export const V11_SUNSET_DATE = '2027-02-01';

/** At most one warning per rules file: the v1.1 rules by name, the date and the way out. */
export function sunsetWarnings(ruleSet: RuleSet): string[] {
  const legacy = ruleSet.rules.filter((rule) => rule.api === 'v1.1' && !rule.approve);
  if (legacy.length === 0) return [];
  const names = legacy.map((rule) => `"${rule.name}"`).join(', ');
  return [
    `API v1.1 rule${legacy.length === 1 ? '' : 's'} ${names}: CircleCI removes the v1.1 trigger on ${V11_SUNSET_DATE} (cloud and server), after which it answers 410 Gone; move to "api": "v2" (POST /pipeline with declared pipeline parameters) or give the rule a "definitionId" (pipeline/run); see "Moving from API v1.1 to v2" in the README`,
  ];
}
