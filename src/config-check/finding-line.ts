/**
 * A finding on one line, as logs print every event: the message, then its fix as one line of
 * YAML in flow style (`parameters: { DEPLOY_ENV: { type: string, default: "" } }`), which pastes
 * into a config as it is.
 */
import { parse, stringify } from 'yaml';
import type { Finding } from './findings.js';

export function findingAsLine(finding: Finding): string {
  if (finding.fix === undefined) return finding.message;
  const flow = stringify(parse(finding.fix), { collectionStyle: 'flow', lineWidth: 0 }).trim();
  // `{ parameters: {...} }` → `parameters: {...}`: the top-level keys as a config has them.
  return `${finding.message} ${flow.replace(/^\{ (.*) \}$/s, '$1')}`;
}
