/** What one part of a check found; a check is as bad as its worst part. Pure. */
import type { CheckStatus } from './report.js';

export interface CheckPart {
  status: CheckStatus;
  /** one clause of the check's message */
  text: string;
}

const RANK: Record<CheckStatus, number> = { ok: 0, warning: 1, problem: 2 };

export function worstOf(findings: readonly CheckPart[]): CheckStatus {
  let worst: CheckStatus = 'ok';
  for (const finding of findings) if (RANK[finding.status] > RANK[worst]) worst = finding.status;
  return worst;
}
