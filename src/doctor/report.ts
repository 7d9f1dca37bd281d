/**
 * What `doctor` found: one check per line of text, or one JSON object for a bug report. Pure.
 * Messages may quote API answers, so control characters are escaped before they reach a terminal.
 */
import type { TextSink } from '../base/io.js';

/** The five checks, and `paths` when a rule has paths. */
export const CHECK_NAMES = ['rules', 'config', 'token', 'project', 'answers', 'paths'] as const;
export type DoctorCheckName = (typeof CHECK_NAMES)[number];
export type CheckStatus = 'ok' | 'warning' | 'problem';

export interface Check {
  name: DoctorCheckName;
  status: CheckStatus;
  /** what was found and, unless ok, what to do; one line */
  message: string;
  /** answers only: how many pipelines were observed */
  pipelines?: number;
  /** answers only: the field names (never values) seen in those pipelines, dotted and sorted */
  fields?: string[];
}

export interface DoctorReport {
  checks: Check[];
  /** no check is a problem */
  ok: boolean;
}

export function reportOf(checks: Check[]): DoctorReport {
  return { checks, ok: checks.every((check) => check.status !== 'problem') };
}

/** The checks of the files that `validate` refuses with exit 2, as do `run` and `check`. */
const FILE_CHECKS: readonly DoctorCheckName[] = ['rules', 'config'];

/**
 * 0 when no check is a problem; 2 when the rules file or the config is one, the exit code every
 * other command gives for the same fault; 1 when only what CircleCI answered is.
 */
export function exitCodeOfReport(report: DoctorReport): number {
  if (report.ok) return 0;
  const fileProblem = report.checks.some(
    (check) => check.status === 'problem' && FILE_CHECKS.includes(check.name),
  );
  return fileProblem ? 2 : 1;
}

/** `token: ok — CIRCLE_API_TOKEN ...` for each check, then one summary line. */
export function reportText(report: DoctorReport): string {
  const lines = report.checks.map(
    (check) => `${check.name}: ${check.status} — ${printable(check.message)}`,
  );
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const problems = count('problem');
  const warnings = count('warning');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    problems > 0
      ? `${plural(problems, 'problem')}, ${plural(warnings, 'warning')}: fix the problems before the first deploy`
      : warnings > 0
        ? `no problem, ${plural(warnings, 'warning')}: read them before the first deploy`
        : 'no problem found: cci-conditional can trigger with this setup',
  );
  return `${lines.join('\n')}\n`;
}

export function writeReport(report: DoctorReport, json: boolean, stdout: TextSink): void {
  stdout.write(json ? `${JSON.stringify(report)}\n` : reportText(report));
}

/** Control characters (from API answers or names) shown as `\u001b`, so they cannot act. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is escaped
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
