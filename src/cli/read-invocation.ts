/**
 * What can be known of a call before yargs parses it: the command, whether JSON output is wanted
 * (so that even a usage error prints one JSON object), every value that could be the token (so
 * output hides it from its first byte), and where each option's value comes from. Pure.
 */

import { possibleTokens } from '../circleci/find-token.js';
import type { Env } from '../core/read-context.js';
import {
  argsFromEnv,
  type Command,
  commandOf,
  SWITCHES,
  VALUED,
  variableOf,
} from './cli-options.js';
import { helpWords } from './help-words.js';
import { checkOptionVariables } from './option-variables.js';
import { parseSwitch, readCommandLine } from './switches.js';

export interface Invocation {
  command: Command;
  /** --json (or CCI_CONDITIONAL_JSON) is on; a value it does not accept counts as on */
  json: boolean;
  /** values to hide from every output */
  secrets: string[];
  /** the words for yargs, CCI_CONDITIONAL_* first so the command line wins; throws a UsageError */
  words: () => string[];
  /** `--timeout`, or `CCI_CONDITIONAL_TIMEOUT` when the value came from there */
  originOf: (name: string) => string;
  /**
   * Every value of a repeatable option (`--changed a --changed b`): those of the command line,
   * else its variable's; yargs keeps only the last
   */
  valuesOf: (name: string) => string[];
}

export function readInvocation(argv: readonly string[], env: Env): Invocation {
  const line = readCommandLine(argv, SWITCHES, VALUED);
  const args = helpWords(line.args);
  const command = commandOf(args);
  const fromEnv = (name: string) => !line.written.has(name) && Boolean(env[variableOf(name)]);
  const tokenEnvs = [...(line.written.get('token-env') ?? [])];
  if (env.CCI_CONDITIONAL_TOKEN_ENV) tokenEnvs.push(env.CCI_CONDITIONAL_TOKEN_ENV);
  return {
    command,
    json: jsonWanted(args, env),
    secrets: possibleTokens(tokenEnvs, env),
    words: () => {
      if (line.problem) throw line.problem;
      checkOptionVariables(env);
      return [...argsFromEnv(command, env), ...args];
    },
    originOf: (name) => (fromEnv(name) ? variableOf(name) : `--${name}`),
    valuesOf: (name) => {
      const variable = env[variableOf(name)];
      return line.written.get(name) ?? (variable ? [variable] : []);
    },
  };
}

/** The last `--json=…` before `--`, else CCI_CONDITIONAL_JSON. */
function jsonWanted(args: readonly string[], env: Env): boolean {
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  const last = args
    .slice(0, end)
    .filter((arg) => arg.startsWith('--json='))
    .at(-1);
  if (last !== undefined) return last === '--json=true';
  const value = env[variableOf('json')];
  return value ? parseSwitch(value) !== false : false;
}
