/**
 * The command line: commands, options and their CCI_CONDITIONAL_* environment equivalents.
 * yargs reads process.env itself, so the env mapping is done here from the env object passed in.
 */
import type { Options } from 'yargs';
import { CIRCLECI_HOST } from '../circleci/api-options.js';
import { DEFAULT_CONFIG_PATH } from '../config-check/checked-rules.js';
import { MAX_SECONDS } from '../core/option-values.js';
import type { Env } from '../core/read-context.js';
import { DEFAULT_RULES_PATH } from '../core/rule-set.js';
import { parseSwitch, switchValueError } from './switches.js';

export const COMMANDS = ['run', 'check', 'validate', 'doctor'] as const;
export type Command = (typeof COMMANDS)[number];

/** Options every command takes. */
export const commonOptions = {
  rules: {
    type: 'string',
    default: DEFAULT_RULES_PATH,
    describe: 'the rules file',
    requiresArg: true,
  },
  json: { type: 'boolean', default: false, describe: 'print one JSON result object on stdout' },
  'log-level': {
    type: 'string',
    default: 'info',
    describe: 'trace, debug, info, warn, error or silent',
    requiresArg: true,
  },
  'log-format': {
    type: 'string',
    default: 'text',
    describe: 'text (readable lines) or json (pino lines)',
    requiresArg: true,
  },
} satisfies Record<string, Options>;

/** Options of the commands that check the CircleCI config (`run` and `validate`). */
export const configOptions = {
  config: {
    type: 'string',
    describe: `the CircleCI config to check the rules against [default: ${DEFAULT_CONFIG_PATH}]`,
    requiresArg: true,
  },
} satisfies Record<string, Options>;

export const runOptions = {
  'dry-run': {
    type: 'boolean',
    default: false,
    describe: 'decide and print the exact requests, send nothing',
  },
  host: {
    type: 'string',
    default: CIRCLECI_HOST,
    describe: 'API origin (http:// only on loopback)',
    requiresArg: true,
  },
  'token-env': {
    type: 'string',
    describe: 'variable holding the API token [default: CIRCLE_API_TOKEN, then CIRCLE_TOKEN]',
    requiresArg: true,
  },
  node: {
    type: 'number',
    default: 0,
    describe: 'the parallel container (CIRCLE_NODE_INDEX) that may trigger',
    requiresArg: true,
  },
  timeout: {
    type: 'number',
    default: 30,
    describe: `seconds allowed for one HTTP request (at most ${MAX_SECONDS.timeout})`,
    requiresArg: true,
  },
  retries: {
    type: 'number',
    default: 3,
    describe: 'extra attempts after a retryable failure',
    requiresArg: true,
  },
  'fail-on-no-match': {
    type: 'boolean',
    default: false,
    describe: 'exit 1 instead of 0 when no rule matches',
  },
  once: {
    type: 'boolean',
    default: false,
    describe: 'skip a target this commit already triggered through the API',
  },
  'allow-superseded': {
    type: 'boolean',
    default: false,
    describe: 'deploy even when a newer commit was pushed to the branch after this pipeline',
  },
  wait: {
    type: 'boolean',
    default: false,
    describe: 'follow each build or pipeline to its end; exit 3 when one does not succeed',
  },
  'wait-timeout': {
    type: 'number',
    default: 1800,
    describe: `seconds --wait and --wait-for-nodes may take (at most ${MAX_SECONDS['wait-timeout']})`,
    requiresArg: true,
  },
  'wait-for-nodes': {
    type: 'boolean',
    default: false,
    describe: 'trigger only after every other parallel node of this job succeeded',
  },
  'loop-guard': {
    type: 'boolean',
    default: true,
    describe: 'skip a trigger that this API-started pipeline already made (--no-loop-guard: off)',
  },
  'config-check': {
    type: 'boolean',
    default: true,
    describe: 'check the config against the fired rules before sending (--no-config-check: skip)',
  },
  'repo-dir': {
    type: 'string',
    describe:
      'the git checkout of this commit that rules with paths are compared in [default: the working directory]',
    requiresArg: true,
  },
  'paths-base': {
    type: 'string',
    describe:
      'the commit (40 hex digits) rules with paths compare with, instead of their last successful deploy',
    requiresArg: true,
  },
} satisfies Record<string, Options>;

export const checkOptions = {
  branch: {
    type: 'string',
    describe: 'the branch name to test',
    requiresArg: true,
    conflicts: 'tag',
  },
  tag: { type: 'string', describe: 'the tag name to test', requiresArg: true },
  changed: {
    type: 'string',
    describe: 'a path that changed, for rules with paths (repeatable)',
    requiresArg: true,
  },
  'changed-from': {
    type: 'string',
    describe: 'a file of paths that changed, one a line, for rules with paths',
    requiresArg: true,
  },
} satisfies Record<string, Options>;

/** `doctor` also takes the options of `run` that apply to reading the API. */
export const doctorOptions = {
  host: runOptions.host,
  'token-env': runOptions['token-env'],
  timeout: runOptions.timeout,
  retries: runOptions.retries,
  config: configOptions.config,
  'repo-dir': runOptions['repo-dir'],
  project: {
    type: 'string',
    describe:
      'this project outside CircleCI: gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>',
    requiresArg: true,
  },
} satisfies Record<string, Options>;

export const optionsOf: Record<Command, Record<string, Options>> = {
  run: { ...commonOptions, ...configOptions, ...runOptions },
  check: { ...commonOptions, ...checkOptions },
  validate: { ...commonOptions, ...configOptions },
  doctor: { ...commonOptions, ...doctorOptions },
};

/** Every option of every command, by name. */
const allOptions = (): [string, Options][] =>
  Object.values(optionsOf).flatMap((options) => Object.entries(options));

/** Names of the switches (boolean options) of any command. */
export const SWITCHES: ReadonlySet<string> = new Set(
  allOptions()
    .filter(([, option]) => option.type === 'boolean')
    .map(([name]) => name),
);

/** Names of the options whose next word is their value (`--rules x.json validate`). */
export const VALUED: ReadonlySet<string> = new Set(
  allOptions()
    .filter(([, option]) => option.type !== 'boolean')
    .map(([name]) => name),
);

/** `dry-run` → `CCI_CONDITIONAL_DRY_RUN`. */
export function variableOf(name: string): string {
  return `CCI_CONDITIONAL_${name.toUpperCase().replaceAll('-', '_')}`;
}

/**
 * The command the arguments name: the first word that is not an option or its value, else run.
 * `argv` has its switches spelled as readCommandLine leaves them (`--flag=true`).
 */
export function commandOf(argv: readonly string[]): Command {
  const word = argv[firstWordAt(argv)] ?? '';
  return isCommand(word) ? word : 'run';
}

export function isCommand(word: string): word is Command {
  return (COMMANDS as readonly string[]).includes(word);
}

/** Where the first word that is not an option or an option's value is; -1 when there is none. */
export function firstWordAt(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (!arg.startsWith('-')) return i;
    if (VALUED.has(arg.slice(2))) i++;
  }
  return -1;
}

/**
 * `CCI_CONDITIONAL_DRY_RUN=yes` → `--dry-run=true`, placed before the real arguments so that those
 * win (the last value of an option counts). Only the options of `command` are read: a variable
 * of another command (`CCI_CONDITIONAL_ONCE` set for the whole job) is left for that command.
 */
export function argsFromEnv(command: Command, env: Env): string[] {
  const args: string[] = [];
  for (const [name, option] of Object.entries(optionsOf[command])) {
    const variable = variableOf(name);
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (option.type !== 'boolean') {
      args.push(`--${name}=${value}`);
      continue;
    }
    const on = parseSwitch(value);
    if (on === undefined) throw switchValueError(variable, value);
    args.push(`--${name}=${on}`);
  }
  return args;
}
