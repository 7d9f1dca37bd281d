/**
 * From the parsed command line to what each command is given: typed values, each checked with a
 * one-line message naming it as written (`--timeout` or `CCI_CONDITIONAL_TIMEOUT`). The table of
 * options is cli-options.ts; the checks of single values core/option-values.ts; those of the API
 * options, shared with doctor (doctor-command.ts), circleci/api-options.ts.
 */
import { readApiOptions } from '../circleci/api-options.js';
import { type ConfigSource, DEFAULT_CONFIG_PATH } from '../config-check/checked-rules.js';
import {
  MAX_SECONDS,
  parseChoice,
  parseCommit,
  parseCount,
  parseSeconds,
} from '../core/option-values.js';
import type { GitRef } from '../core/read-context.js';
import type { RunOptions } from '../run/options.js';
import type { ChangedInput } from './changed-input.js';
import type { Command } from './cli-options.js';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './logger.js';

/** yargs' answer, or the fast reading's: option name → value. */
export type Args = Record<string, unknown>;
/** `--timeout`, or `CCI_CONDITIONAL_TIMEOUT` when the value came from there */
export type OriginOf = (name: string) => string;

/** The highest --node (CIRCLE_NODE_INDEX) accepted. */
const MAX_NODE = 1000;

export function readLogOptions(
  args: Args,
  originOf: OriginOf,
): { level: LogLevel; format: LogFormat } {
  return {
    level: parseChoice(originOf('log-level'), String(args['log-level']), LOG_LEVELS),
    format: parseChoice(originOf('log-format'), String(args['log-format']), LOG_FORMATS),
  };
}

/** The CircleCI config `run` and `validate` check: --config, else the default path. */
export function configSourceOf(
  args: Args,
  command: Command,
): ConfigSource & { skippable: boolean } {
  return {
    path: typeof args.config === 'string' ? args.config : DEFAULT_CONFIG_PATH,
    explicit: args.config !== undefined,
    skippable: command === 'run',
  };
}

/** `check`: the name to test, and the paths that changed. */
export function readCheckOptions(
  args: Args,
  valuesOf: (name: string) => string[],
): { ref: GitRef | undefined; changed: ChangedInput } {
  const ref =
    args.tag !== undefined
      ? { kind: 'tag' as const, name: String(args.tag) }
      : args.branch !== undefined
        ? { kind: 'branch' as const, name: String(args.branch) }
        : undefined;
  const changed = {
    given: valuesOf('changed'),
    from: typeof args['changed-from'] === 'string' ? args['changed-from'] : undefined,
  };
  return { ref, changed };
}

/** `run`: every option; `config` is checked against the fired rules unless --no-config-check. */
export function readRunOptions(args: Args, originOf: OriginOf, config: ConfigSource): RunOptions {
  return {
    rules: String(args.rules),
    dryRun: args['dry-run'] === true,
    ...readApiOptions(args, originOf),
    node: parseCount(originOf('node'), String(args.node), MAX_NODE),
    once: args.once === true,
    allowSuperseded: args['allow-superseded'] === true,
    wait: args.wait === true,
    waitTimeoutSeconds: parseSeconds(
      originOf('wait-timeout'),
      String(args['wait-timeout']),
      MAX_SECONDS['wait-timeout'],
    ),
    waitForNodes: args['wait-for-nodes'] === true,
    loopGuard: args['loop-guard'] !== false,
    ...(args['config-check'] === false ? {} : { config }),
    ...(typeof args['repo-dir'] === 'string' ? { repoDir: args['repo-dir'] } : {}),
    ...(typeof args['paths-base'] === 'string'
      ? { pathsBase: parseCommit(originOf('paths-base'), args['paths-base']) }
      : {}),
  };
}
