/**
 * How --help lays out the option table of cli-options.ts: what each command does, the groups its
 * options are shown in, and examples. yargs writes the help from these; nothing here parses.
 */
import type { Command } from './cli-options.js';

export const USAGE =
  'Trigger a CircleCI job for this commit when the branch or tag matches a rule.';

export const COMMAND_DESCRIPTIONS: Record<Command, string> = {
  run: 'decide from the CircleCI environment and the rules; trigger when a rule matches',
  check: 'explain which rules match --branch B or --tag T; reads no CIRCLE_* env, sends nothing',
  validate: 'validate the rules file and check the CircleCI config against it; print every problem',
  doctor: 'check, read-only, that a deploy would work: rules, config, token, project, API answers',
};

/** Group headings in the order the help shows them, with the options each holds. */
export const GROUPS: ReadonlyArray<readonly [heading: string, options: readonly string[]]> = [
  ['Rules:', ['rules', 'config', 'config-check', 'branch', 'tag']],
  ['API:', ['host', 'token-env', 'project', 'timeout', 'retries']],
  [
    'Modes:',
    [
      'dry-run',
      'node',
      'once',
      'wait',
      'wait-timeout',
      'wait-for-nodes',
      'loop-guard',
      'fail-on-no-match',
    ],
  ],
  ['Output:', ['json', 'log-level', 'log-format']],
];

/** Where an option not named in GROUPS goes: every option added since is a way to run. */
export const FALLBACK_GROUP = 'Modes:';

export const EXAMPLES: Record<Command, ReadonlyArray<readonly [command: string, does: string]>> = {
  run: [
    ['$0', 'in a CircleCI job: trigger the job of the rule that matches'],
    ['$0 --dry-run', 'print the request it would send; send nothing, need no token'],
    ['$0 --once --wait', 'not again for this commit; follow the deploy to its end'],
  ],
  check: [['$0 check --branch main', 'which rules match branch main (exit 1: none)']],
  validate: [['$0 validate', 'check the rules file and .circleci/config.yml against it']],
  doctor: [['$0 doctor --project gh/acme/app', 'on a laptop: would a deploy work? (read-only)']],
};

export const EPILOGUE =
  'Switches read --flag, --no-flag and --flag=VALUE, VALUE one of true/false, 1/0, yes/no, on/off. Every option can also be set as CCI_CONDITIONAL_<NAME> (CCI_CONDITIONAL_DRY_RUN=yes); the command line wins. Exit codes: 0 done or skipped on purpose; 1 a trigger failed (check: no rule matches; doctor: a problem found); 2 usage or configuration error; 3 with --wait, a deploy did not succeed.';
