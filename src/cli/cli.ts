/**
 * `main(argv, env, io)`: parses the command line, runs the command, prints the result and returns
 * the exit code. The one place where outcomes become exit codes; only the bin sets it.
 */
import type { Logger, TextSink } from '../base/io.js';
import { requestAsText } from '../circleci/render-request.js';
import type { Isolate } from '../config-check/isolated.js';
import { jsonLine, oneLine, quote } from '../core/quote.js';
import type { Env } from '../core/read-context.js';
import type { RunResult } from '../core/run-result.js';
import { run } from '../run/run.js';
import {
  configSourceOf,
  readCheckOptions,
  readLogOptions,
  readRunOptions,
} from './command-options.js';
import { createInterruption, SIGNAL_EXIT_CODES, untilSignal } from './interruption.js';
import { createLogger } from './logger.js';
import { readCommonLine } from './read-common-line.js';
import { readInvocation } from './read-invocation.js';
import { reportError, reportInterrupted } from './report-error.js';
import { createScrubber } from './scrub-secrets.js';
import { VERSION as version } from './version.js';
import { createOutputs } from './write-outputs.js';

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  readFile: (path: string) => Promise<string>;
  /** appends to $BASH_ENV (the bin passes fs.promises.appendFile); without it no outputs are written */
  appendFile?: (path: string, text: string) => Promise<void>;
  /** waits and clock of retries and polling; tests pass fast ones */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** aborted with the signal's name (`SIGTERM`, `SIGINT`) when one stops the process */
  signal?: AbortSignal;
  /** runs the config check on another thread, so that no signal waits for it (the bin's worker) */
  isolate?: Isolate;
  /** doctor: the clone's origin URL; without it, `git remote get-url origin` is run */
  readOriginUrl?: () => Promise<string | undefined>;
}

export async function main(argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  const scrubber = createScrubber();
  const stdout = scrubber.wrap(io.stdout);
  const stderr = scrubber.wrap(io.stderr);
  // $BASH_ENV is an output too: a build URL may carry `?circle-token=`.
  const write = io.appendFile;
  const appendFile = write && ((path: string, text: string) => write(path, scrubber.scrub(text)));
  // Known before parsing: what to hide from the first byte, and whether errors print JSON.
  const invocation = readInvocation(argv, env);
  for (const secret of invocation.secrets) scrubber.add(secret);
  let logger: Logger | undefined;
  let json = invocation.json;
  const { command, originOf } = invocation;
  const warn = (message: string) =>
    logger ? logger.warn(message) : stderr.write(`warning: ${message}\n`);
  // `run` tells later steps what it decided, whatever happens (usage errors included).
  const outputs = command === 'run' ? createOutputs(env, appendFile, warn) : undefined;
  let ended: { result?: RunResult } | undefined = outputs && {};
  // A signal ends any command at once; `run` says what it had done.
  const stopped = (work: Promise<number>) =>
    untilSignal(work, io.signal, (name) =>
      reportInterrupted(name, { command, json, stdout, stderr, logger }),
    );
  try {
    const words = invocation.words();
    // yargs loads only for what the fast reading of the command line leaves to it.
    const parsed =
      readCommonLine(command, words) ?? (await import('./parse-args.js')).parseArgs(words, version);
    if (parsed.output !== undefined) {
      ended = undefined;
      stdout.write(`${parsed.output}\n`);
      return 0;
    }
    const args = parsed.args;
    if (typeof args['token-env'] === 'string') scrubber.add(env[args['token-env']] ?? '');
    json = args.json === true;
    const log = readLogOptions(args, originOf);
    logger = createLogger(log.level, log.format, stderr);
    const rules = String(args.rules);
    const config = configSourceOf(args, command);
    if (command === 'validate') {
      const { validateCommand } = await import('./validate-command.js');
      return await stopped(validateCommand(rules, { ...io, stdout, json, logger, env }, config));
    }
    if (command === 'check') {
      const { checkCommand } = await import('./check-command.js');
      const { ref, changed } = readCheckOptions(args, invocation.valuesOf);
      return await stopped(checkCommand(rules, ref, { ...io, stdout, json, logger }, changed));
    }
    if (command === 'doctor') {
      const { doctorCommand } = await import('./doctor-command.js');
      const onSecret = (secret: string) => scrubber.add(secret);
      return await stopped(
        doctorCommand(args, { ...io, env, stdout, json, logger, onSecret, originOf, version }),
      );
    }
    // The outputs of an accepted trigger go out at once: a signal may stop the run any moment.
    const interruption = createInterruption({
      ...(io.signal ? { signal: io.signal } : {}),
      onAccepted: (partial) => void outputs?.write(partial),
    });
    const running = run(readRunOptions(args, originOf, config), {
      env,
      readFile: io.readFile,
      logger,
      onSecret: (secret) => scrubber.add(secret),
      version,
      ...(io.sleep ? { sleep: io.sleep } : {}),
      ...(io.now ? { now: io.now } : {}),
      ...(io.isolate ? { isolate: io.isolate } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      progress: interruption,
    });
    const result = await untilSignal(running, io.signal, interruption.resultAt);
    if (result.signal) logger.error(result.reason);
    if (ended) ended.result = result;
    const code = exitCodeOf(result, args['fail-on-no-match'] === true);
    if (code === 1 && result.decision === 'skipped') {
      // the one exit 1 without a failure: say which switch asked for it
      const reason = `${result.reason}, and ${originOf('fail-on-no-match')} makes that exit 1`;
      logger.error(reason);
      printResult({ ...result, reason }, json, stdout);
    } else printResult(result, json, stdout);
    return code;
  } catch (error) {
    return reportError(error, { command, json, stdout, stderr, logger });
  } finally {
    if (outputs && ended) await outputs.write(ended.result);
  }
}

function printResult(result: RunResult, json: boolean, stdout: TextSink): void {
  if (json) {
    stdout.write(`${jsonLine(result)}\n`);
  } else if (result.decision === 'dry-run') {
    for (const trigger of result.triggers) {
      const rule = `rule ${quote(trigger.rule)}`;
      if (trigger.status !== 'dry-run') {
        stdout.write(`${rule} would send nothing: ${oneLine(trigger.reason ?? '')}\n`);
        continue;
      }
      const note = trigger.reason ? ` (${oneLine(trigger.reason)})` : '';
      stdout.write(`${rule} would send${note}:\n`);
      for (const request of trigger.requests ?? []) stdout.write(`${requestAsText(request)}\n\n`);
    }
  }
}

export function exitCodeOf(result: RunResult, failOnNoMatch: boolean): number {
  if (result.signal) return SIGNAL_EXIT_CODES[result.signal] ?? 1;
  if (result.decision === 'failed') return 1;
  if (result.waitFailed) return 3;
  // A rule skipped for its paths has not fired either.
  const none = result.skip === 'no-match' || result.skip === 'paths';
  if (result.decision === 'skipped' && none && failOnNoMatch) return 1;
  return 0;
}
