/**
 * The text logger writes message-only lines itself, in front of pino: every line must be the
 * one pino's line becomes, for every level, method and message (control characters, quotes,
 * lone surrogates, line separators), and calls with fields still go through pino.
 */
import type { Logger as PinoLogger } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel, pinoLogger } from '../../src/cli/logger.js';

const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'silent'];
const METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
const PIECES = [
  ...['', 'a', 'skipped: no rule matches branch "feature/x"', ' ', '\\', '"', "'", '%s', '%d %o'],
  ...['\n', '\r\n', '\t', '\u0000', '\u001b[31m', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029'],
  ...['\ud800', '\udfff', '😀', 'é', '{"level":50}', 'x'.repeat(300), '\u200b', '\ufeff'],
];

function* messages(count: number): Generator<string> {
  let state = 20261129;
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor(state / 65536) % below;
  };
  for (let n = 0; n < count; n++) {
    yield Array.from({ length: next(5) }, () => PIECES[next(PIECES.length)] ?? '').join('');
  }
}

function both(level: LogLevel) {
  const fast: string[] = [];
  const slow: string[] = [];
  return {
    fast,
    slow,
    // pino's whole interface: what the text lines do not answer themselves goes to pino
    direct: createLogger(level, 'text', { write: (text) => fast.push(text) }) as PinoLogger,
    pino: pinoLogger(level, 'text', { write: (text) => slow.push(text) }),
  };
}

describe('the text logger writes what pino writes', () => {
  it.each(LEVELS)('at level %s, for 2,000 generated messages through every method', (level) => {
    const { fast, slow, direct, pino } = both(level);
    for (const message of messages(2000)) {
      for (const method of METHODS) {
        direct[method](message);
        pino[method](message);
      }
    }
    expect(fast).toEqual(slow);
    if (level !== 'silent') expect(fast.length).toBeGreaterThan(0);
  });

  it.each(LEVELS)('at level %s, for calls with fields, errors and format arguments', (level) => {
    const { fast, slow, direct, pino } = both(level);
    for (const logger of [direct, pino]) {
      logger.info({ stack: 'at x\nat y' }, 'stack');
      logger.warn({ body: { a: '\u001b' } }, 'sent %s', 'GET');
      logger.error(new Error('bad\nthing'));
      logger.error('with %s', 'argument');
      logger.fatal(42 as unknown as string);
      logger.info(undefined as unknown as string);
    }
    expect(fast).toEqual(slow);
  });

  it.each(LEVELS)('at level %s, on which levels are enabled', (level) => {
    const { direct, pino } = both(level);
    for (const name of [...LEVELS, 'fatal', 'verbose', 'toString', '__proto__']) {
      expect([name, direct.isLevelEnabled(name)]).toEqual([name, pino.isLevelEnabled(name)]);
    }
    expect(direct.level).toBe(pino.level);
  });
});
