/**
 * The command line as yargs reads it: commands, options, --help and --version. Every parse error
 * becomes a one-line UsageError.
 */
import yargs from 'yargs';
import { CciError, UsageError } from '../errors.js';
import {
  COMMANDS,
  checkOptions,
  commandOf,
  commonOptions,
  configOptions,
  doctorOptions,
  optionsOf,
  runOptions,
} from './cli-options.js';
import { nearestName, typoEdits } from './nearest-name.js';

export type Parsed =
  | { output: string; args?: undefined }
  | { output?: undefined; args: Record<string, unknown> };

export function parseArgs(args: string[], version: string): Parsed {
  let result: Parsed | undefined;
  yargs()
    .scriptName('cci-conditional')
    .usage(
      '$0 [run|check|validate] [options]\n\nTrigger a CircleCI job for this commit when the branch or tag matches a rule.',
    )
    .command(
      ['run', '$0'],
      'decide from the CircleCI environment and the rules; trigger when a rule matches',
      (y) => y.options({ ...configOptions, ...runOptions }),
    )
    .command(
      'check',
      'explain which rules match --branch B or --tag T; reads no CIRCLE_* env, sends nothing',
      (y) => y.options(checkOptions),
    )
    .command(
      'validate',
      'validate the rules file and check the CircleCI config against it; print every problem',
      (y) => y.options(configOptions),
    )
    .command(
      'doctor',
      'check, read-only, that a deploy would work: rules, config, token, project, API answers',
      (y) => y.options(doctorOptions),
    )
    .options(commonOptions)
    .strict()
    // The last value of an option wins, so the command line overrides CCI_CONDITIONAL_*.
    // Names are exact: without camel-case expansion `--dryRun` and `--dry-Run` are unknown.
    .parserConfiguration({ 'duplicate-arguments-array': false, 'camel-case-expansion': false })
    .epilogue(
      'Switches read --flag, --no-flag and --flag=VALUE, VALUE one of true/false, 1/0, yes/no, on/off. Every option can also be set as CCI_CONDITIONAL_<NAME> (CCI_CONDITIONAL_DRY_RUN=yes); the command line wins.',
    )
    .version(version)
    .help()
    .alias('help', 'h')
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      if (error instanceof CciError) throw error;
      throw new UsageError(`${oneLine(message ?? error?.message ?? '', args)} (see --help)`);
    })
    .parse(args, {}, (_error, argv, output) => {
      result = output ? { output } : { args: argv as Record<string, unknown> };
    });
  return result ?? { args: {} };
}

/**
 * yargs spreads a message over lines; an unknown option gets the nearest real one, an unknown
 * word the list of commands.
 */
function oneLine(message: string, args: readonly string[]): string {
  const text = message.replace(/\s+/g, ' ').trim();
  const unknown = /^Unknown arguments?: (.*)$/.exec(text);
  if (!unknown?.[1]) return text;
  const command = commandOf(args);
  const names = [...Object.keys(optionsOf[command]), 'help', 'version'];
  const owner = (name: string) => COMMANDS.find((other) => name in optionsOf[other]);
  const described = unknown[1].split(', ').map((name) => {
    const written = args.find((arg) => arg.replace(/=[\s\S]*$/, '').replace(/^-+/, '') === name);
    if (!written?.startsWith('-')) return `${name} (commands are ${COMMANDS.join(', ')})`;
    const dashes = /^-+/.exec(written)?.[0] ?? '--';
    const other = owner(name);
    if (dashes === '--' && other) return `--${name}, an option of ${other}, not of ${command}`;
    const nearest = nearestName(name, names, typoEdits(name));
    return nearest ? `${dashes}${name}; did you mean --${nearest}?` : `${dashes}${name}`;
  });
  return `Unknown ${described.length > 1 ? 'arguments' : 'argument'}: ${described.join(', ')}`;
}
