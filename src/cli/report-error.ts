/**
 * How a command ends when it cannot go on: an error (its one line, the problems of a rules file,
 * the exit code its kind maps to) or a signal (exit 143 or 130). With --json, the one JSON object
 * of the command says so too: `valid: false`, `decision: "failed"` or `ok: false`.
 */

import { CciError, RulesError } from '../base/errors.js';
import type { Logger, TextSink } from '../base/io.js';
import { jsonLine, oneLine } from '../core/quote.js';
import type { Command } from './cli-options.js';
import { SIGNAL_EXIT_CODES } from './interruption.js';

export interface ReportTo {
  command: Command;
  json: boolean;
  stdout: TextSink;
  stderr: TextSink;
  logger: Logger | undefined;
}

export function reportError(error: unknown, out: ReportTo): number {
  const known = error instanceof CciError;
  const message = known
    ? error.message
    : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
  const problems = error instanceof RulesError ? error.problems : undefined;
  if (out.logger) {
    if (error instanceof RulesError && error.allProblems.length > 1)
      for (const p of error.problems) out.logger.error(p);
    out.logger.error(message);
    if (out.logger.isLevelEnabled('debug'))
      out.logger.debug({ stack: (error as Error)?.stack }, 'stack');
  } else {
    out.stderr.write(`error: ${oneLine(message)}\n`);
  }
  if (out.json) out.stdout.write(`${jsonLine(failure(out.command, message, problems))}\n`);
  return known ? exitCodeFor(error.code) : 1;
}

/** A command other than `run` stopped by a signal (`run` reports what it had done). */
export function reportInterrupted(signal: string, out: ReportTo): number {
  const message = `interrupted by ${signal}`;
  if (out.logger) out.logger.error(message);
  else out.stderr.write(`error: ${message}\n`);
  if (out.json) out.stdout.write(`${jsonLine(failure(out.command, message, undefined))}\n`);
  return SIGNAL_EXIT_CODES[signal] ?? 1;
}

function failure(command: Command, reason: string, problems: readonly string[] | undefined) {
  if (command === 'doctor') return { checks: [], ok: false, reason };
  if (command === 'validate') return { valid: false, reason, problems: problems ?? [] };
  return { decision: 'failed', reason, ...(problems ? { problems } : {}), triggers: [] };
}

function exitCodeFor(code: CciError['code']): number {
  switch (code) {
    case 'USAGE':
      return 2;
    case 'API':
      return 1;
    case 'WAIT':
      return 3;
  }
}
