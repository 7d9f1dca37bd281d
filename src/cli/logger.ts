/**
 * Logs go to stderr through pino: `json` writes pino's own lines, `text` one readable line per
 * event (what people read in the CircleCI UI). Both pass through the secret scrubber.
 */
import { type LevelWithSilent, type Logger, pino } from 'pino';
import { escapeControls, oneLine } from '../core/quote.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Anything that takes text: process.stderr, a test's collector. */
export interface TextSink {
  write(text: string): unknown;
}

export function createLogger(level: LevelWithSilent, format: LogFormat, sink: TextSink): Logger {
  // JSON escapes C0 controls but leaves C1 ones (CSI) and line separators: escaped the same way.
  const destination =
    format === 'json'
      ? { write: (line: string) => sink.write(`${escapeControls(line.trimEnd())}\n`) }
      : { write: (line: string) => sink.write(toText(line)) };
  return pino(
    {
      level,
      base: { name: 'cci-conditional' },
      timestamp: format === 'json' ? pino.stdTimeFunctions.isoTime : false,
    },
    destination,
  );
}

const PREFIX: Record<number, string> = {
  10: 'trace: ',
  20: 'debug: ',
  30: '',
  40: 'warning: ',
  50: 'error: ',
  60: 'error: ',
};
const OMIT = new Set(['level', 'msg', 'name', 'time', 'pid', 'hostname']);

/**
 * `warning: message` with, below info, the event's fields as JSON. One line whatever the message
 * holds: control characters (a branch name's newline or colours) are escaped, so none can forge a
 * line of its own.
 */
function toText(line: string): string {
  const event = JSON.parse(line) as Record<string, unknown> & { level: number; msg?: string };
  let text = `${PREFIX[event.level] ?? ''}${oneLine(String(event.msg ?? ''))}`;
  if (event.level < 30) {
    const fields = Object.fromEntries(Object.entries(event).filter(([key]) => !OMIT.has(key)));
    if (Object.keys(fields).length > 0) text += ` ${escapeControls(JSON.stringify(fields))}`;
  }
  return `${text}\n`;
}
