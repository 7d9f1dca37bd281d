/**
 * The command line as yargs reads it: commands, options, --help and --version. The help is
 * yargs' own, laid out by help-layout.ts; every parse error becomes a one-line UsageError in the
 * tool's voice (usage-messages.ts).
 */
import yargs, { type Argv, type Options } from 'yargs';
import { CciError, UsageError } from '../base/errors.js';
import { COMMANDS, type Command, commonOptions, firstWordAt, optionsOf } from './cli-options.js';
import {
  COMMAND_DESCRIPTIONS,
  EPILOGUE,
  EXAMPLES,
  FALLBACK_GROUP,
  GROUPS,
  USAGE,
} from './help-layout.js';
import { inToolVoice } from './usage-messages.js';

export type Parsed =
  | { output: string; args?: undefined }
  | { output?: undefined; args: Record<string, unknown> };

export function parseArgs(args: string[], version: string): Parsed {
  let result: Parsed | undefined;
  // Numbers are read as the text written, so that a bad value is named as it was given; the
  // help shows what they are.
  const help = args.includes('--help') || args.includes('-h');
  const shown = (options: Record<string, Options>): Record<string, Options> =>
    help
      ? options
      : Object.fromEntries(
          Object.entries(options).map(([name, option]) => [
            name,
            option.type === 'number' ? { ...option, type: 'string' as const } : option,
          ]),
        );
  const commandOptions = (command: Command) =>
    Object.fromEntries(
      Object.entries(optionsOf[command]).filter(([name]) => !(name in commonOptions)),
    );
  // Without a command word, run's builder adds to the top level's help, examples included.
  const named = args[firstWordAt(args)];
  const builder = (command: Command) => (y: Argv) => {
    const options = optionsOf[command];
    for (const [heading, names] of GROUPS) {
      const grouped = heading === FALLBACK_GROUP ? [...names, ...ungrouped(options)] : names;
      y.group(
        grouped.filter((name) => name in options),
        heading,
      );
    }
    if (command === named) for (const [line, does] of EXAMPLES[command]) y.example(line, does);
    return y.options(shown(commandOptions(command)));
  };
  const top = yargs()
    .scriptName('cci-conditional')
    .usage(`$0 [${COMMANDS.join('|')}] [options]\n\n${USAGE}`);
  for (const command of COMMANDS) {
    top.command(
      command === 'run' ? ['run', '$0'] : command,
      COMMAND_DESCRIPTIONS[command],
      builder(command),
    );
  }
  if (named === undefined || !(COMMANDS as readonly string[]).includes(named))
    for (const command of COMMANDS)
      for (const [line, does] of EXAMPLES[command]) top.example(line, does);
  top
    .options(shown(commonOptions))
    .strict()
    // The last value of an option wins, so the command line overrides CCI_CONDITIONAL_*.
    // Names are exact: without camel-case expansion `--dryRun` and `--dry-Run` are unknown.
    .parserConfiguration({ 'duplicate-arguments-array': false, 'camel-case-expansion': false })
    .epilogue(EPILOGUE)
    .help('help', 'show this help')
    .alias('help', 'h')
    .version('version', 'print the version number', version)
    .alias('version', 'v')
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      if (error instanceof CciError) throw error;
      throw new UsageError(`${inToolVoice(message ?? error?.message ?? '', args)} (see --help)`);
    })
    .parse(args, {}, (_error, argv, output) => {
      result = output ? { output } : { args: argv as Record<string, unknown> };
    });
  return result ?? { args: {} };
}

/** Options of the table that GROUPS does not name. */
function ungrouped(options: Record<string, Options>): string[] {
  const named = new Set(GROUPS.flatMap(([, names]) => names));
  return Object.keys(options).filter((name) => !named.has(name));
}
