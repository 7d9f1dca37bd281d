/**
 * Logs go to stderr through pino: `json` writes pino's own lines, `text` one readable line per
 * event (what people read in the CircleCI UI). Both pass through the secret scrubber.
 */
import { type LevelWithSilent, pino } from 'pino';
import type { Logger, TextSink } from '../base/io.js';
import { escapeControls, oneLine } from '../core/quote.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel, format: LogFormat, sink: TextSink): Logger {
  if (format === 'text' && LEVEL_VALUES[level] >= LEVEL_VALUES.info) {
    return textLogger(level, sink, () => pinoLogger(level, format, sink));
  }
  return pinoLogger(level, format, sink);
}

/** The logger as pino makes it, whatever the format: what the text logger stands in front of. */
export function pinoLogger(level: LevelWithSilent, format: LogFormat, sink: TextSink): pino.Logger {
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
const LEVEL_VALUES: Record<LevelWithSilent, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

/**
 * The text logger at info and above, where a line is its prefix and message only: a call with
 * one string writes that line itself, as toText would make it of pino's JSON, without starting
 * pino. Any other call (fields, errors, format arguments) and anything else asked of the logger
 * goes to pino, made on first use: without timestamps its lines do not depend on when it started.
 */
function textLogger(level: LevelWithSilent, sink: TextSink, makePino: () => pino.Logger): Logger {
  let real: pino.Logger | undefined;
  const pinoItself = () => {
    real ??= makePino();
    return real;
  };
  const threshold = LEVEL_VALUES[level];
  const method = (name: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal') => {
    const value = LEVEL_VALUES[name];
    if (value < threshold) return () => {};
    return (...args: unknown[]) => {
      if (args.length === 1 && typeof args[0] === 'string') {
        sink.write(`${PREFIX[value] ?? ''}${oneLine(args[0])}\n`);
      } else (pinoItself()[name] as (...args: unknown[]) => void)(...args);
    };
  };
  const own: Record<string, unknown> = {
    level,
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
    isLevelEnabled: (name: string) => {
      return (
        Object.hasOwn(LEVEL_VALUES, name) && LEVEL_VALUES[name as LevelWithSilent] >= threshold
      );
    },
  };
  return new Proxy(own, {
    get: (target, key) => (key in target ? target[key as string] : Reflect.get(pinoItself(), key)),
  }) as unknown as Logger;
}

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
