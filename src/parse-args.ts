/**
 * The command line as yargs reads it: commands, options, --help and --version. Every parse error
 * becomes a one-line UsageError.
 */
import yargs from 'yargs';
import { checkOptions, commonOptions, doctorOptions, runOptions } from './cli-options.js';
import { UsageError } from './errors.js';

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
      (y) => y.options(runOptions),
    )
    .command(
      'check',
      'explain which rules match --branch B or --tag T; reads no CIRCLE_* env, sends nothing',
      (y) => y.options(checkOptions),
    )
    .command('validate', 'validate the rules file and print every problem')
    .command(
      'doctor',
      'check, read-only, that a deploy would work: rules, config, token, project, API answers',
      (y) => y.options(doctorOptions),
    )
    .options(commonOptions)
    .strict()
    // The last value of an option wins, so the command line overrides CCI_CONDITIONAL_*.
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .version(version)
    .help()
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(`${oneLine(message)} (see --help)`);
    })
    .parse(args, {}, (_error, argv, output) => {
      result = output ? { output } : { args: argv as Record<string, unknown> };
    });
  return result ?? { args: {} };
}

/**
 * yargs spreads a message over lines and names an unknown option twice, as written and in
 * camelCase (`Unknown arguments: dry-run, dryRun`); users wrote it once.
 */
function oneLine(message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  const unknown = /^Unknown arguments?: (.*)$/.exec(text);
  if (!unknown?.[1]) return text;
  const names = unknown[1].split(', ');
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const kept = names.filter((name) => name === kebab(name) || !names.includes(kebab(name)));
  return `Unknown ${kept.length > 1 ? 'arguments' : 'argument'}: ${kept.join(', ')}`;
}
