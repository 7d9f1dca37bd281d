/**
 * The CircleCI config check on a thread of its own. Checking a large config keeps a thread busy
 * for seconds (the YAML parser, then the check), and a busy thread runs no signal handler: so the
 * bin starts a worker thread for it and the main thread stays free to end the run at once on
 * SIGTERM or SIGINT. What the check logs and throws comes back as data. Without a worker (the
 * programmatic API, the tests in-process) the check runs where it is called.
 * See ARCHITECTURE.md, "The config check on a worker thread".
 */

import { UsageError } from '../base/errors.js';
import type { Logger } from '../base/io.js';
import { readRegularFile } from '../base/read-regular-file.js';
import type { GitRef } from '../core/read-context.js';
import type { Rule, RuleSet } from '../core/rules.js';
import type { ConfigSource } from './checked-rules.js';

export type IsolatedTask = 'check-before-sending' | 'check-config-file';

/** Larger configs may take long to parse and check. */
const LARGE = 64 * 1024;
/** A YAML alias (`*defaults`), which can repeat a large node many times over. */
const ALIAS = /(?:^|[\s[{,])\*[^\s*]/m;

/**
 * Whether checking this config could keep a thread busy for long: a large file, or one with
 * aliases. Without them, the check of a config under 64 KiB takes a fraction of a second.
 */
export function worthIsolating(text: string): boolean {
  return text.length > LARGE || ALIAS.test(text);
}

/** Runs a task of runIsolated on another thread; rejects when that thread fails. */
export type Isolate = (task: IsolatedTask, input: unknown) => Promise<unknown>;

type Level = 'debug' | 'info' | 'warn' | 'error';

interface CheckInput {
  source: ConfigSource;
  ruleSet: RuleSet;
  rulesPath?: string;
  /** `validate`: a config that cannot be checked is a problem, not a warning */
  strict?: boolean;
  /** `run`: the rules that fired, and the branch or tag */
  fired?: Rule[];
  ref?: GitRef;
}

interface Reply {
  lines: Array<[Level, string]>;
  /** the message of the UsageError the check threw (exit 2) */
  usage?: string;
  /** `validate`: the check's result (a FileCheck of the config check) */
  check?: unknown;
}

/** What the worker thread runs: the bin's worker requires cli.js and calls this. */
export async function runIsolated(task: IsolatedTask, input: unknown): Promise<Reply> {
  const { source, ruleSet, rulesPath, strict, fired, ref } = input as CheckInput;
  const lines: Reply['lines'] = [];
  const line = (level: Level) => (text: string) => void lines.push([level, text]);
  const logger = {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
  try {
    if (task === 'check-config-file') {
      const { checkConfigFile } = await import('./index.js');
      const options = {
        ...(rulesPath === undefined ? {} : { rulesPath }),
        ...(strict === undefined ? {} : { strict }),
      };
      return { lines, check: await checkConfigFile(source, ruleSet, readRegularFile, options) };
    }
    const { checkBeforeSending } = await import('./before-sending.js');
    const deps = {
      rulesPath: rulesPath ?? '',
      readFile: readRegularFile,
      logger: logger as unknown as Logger,
    };
    await checkBeforeSending(source, ruleSet, fired ?? [], ref as GitRef, deps);
    return { lines };
  } catch (error) {
    if (error instanceof UsageError) return { lines, usage: error.message };
    throw error;
  }
}

/** `run`'s check before sending, on the worker: logs what it logged, throws what it threw. */
export async function checkBeforeSendingOn(
  isolate: Isolate,
  input: Required<Omit<CheckInput, 'strict'>>,
  logger: Logger,
): Promise<void> {
  const reply = (await isolate('check-before-sending', input)) as Reply;
  for (const [level, text] of reply.lines) logger[level](text);
  if (reply.usage !== undefined) throw new UsageError(reply.usage);
}

/**
 * `validate`'s and doctor's check of the config file, on the worker: `T` is the config check's
 * FileCheck (named by the callers: its type is not part of the published declarations).
 */
export async function checkConfigFileOn<T>(isolate: Isolate, input: CheckInput): Promise<T> {
  const reply = (await isolate('check-config-file', input)) as Reply;
  if (reply.usage !== undefined) throw new UsageError(reply.usage);
  return reply.check as T;
}
