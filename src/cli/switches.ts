/**
 * Switches (boolean options) read the same spellings everywhere: `--flag`, `--no-flag`,
 * `--flag=VALUE`, and `CCI_CONDITIONAL_FLAG=VALUE`. yargs itself reads only `true` and takes any
 * other value as false, which turned `--dry-run=1` into a real trigger; so every switch is
 * spelled `--flag=true` or `--flag=false` before yargs sees it. Pure.
 */
import { UsageError } from '../base/errors.js';
import { shown } from '../core/option-values.js';

/** The values a switch accepts, in any case. */
export const SWITCH_VALUES = {
  true: ['true', '1', 'yes', 'on'],
  false: ['false', '0', 'no', 'off'],
};

/** `yes` → true, `OFF` → false, anything else → undefined. */
export function parseSwitch(value: string): boolean | undefined {
  const word = value.toLowerCase();
  if (SWITCH_VALUES.true.includes(word)) return true;
  if (SWITCH_VALUES.false.includes(word)) return false;
  return undefined;
}

export function switchValueError(origin: string, value: string): UsageError {
  const accepted = SWITCH_VALUES.true.map((yes, i) => `${yes}/${SWITCH_VALUES.false[i]}`);
  return new UsageError(`${shown(origin, value)} is not one of ${accepted.join(', ')}`);
}

export interface CommandLine {
  /** the words with every switch spelled `--flag=true` or `--flag=false`, as yargs reads them */
  args: string[];
  /** option name → the values written for it on the command line ('' for a bare switch) */
  written: Map<string, string[]>;
  /** the first switch written with a value it does not accept */
  problem: UsageError | undefined;
}

/**
 * One pass over the words, up to `--`: `--flag`, `--no-flag`, `--flag=VALUE`, and `--flag VALUE`
 * when VALUE is a switch value (yargs already took `--json false` so), become `--flag=true` or
 * `--flag=false`. `switches` and
 * `valued` are the option names of each kind, taken from the option table.
 */
export function readCommandLine(
  argv: readonly string[],
  switches: ReadonlySet<string>,
  valued: ReadonlySet<string>,
): CommandLine {
  const args: string[] = [];
  const written = new Map<string, string[]>();
  let problem: UsageError | undefined;
  const note = (name: string, value: string) =>
    written.set(name, [...(written.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      // yargs would ignore them, and `-- --dry-run` would send a real trigger
      const rest = argv[i + 1];
      if (rest !== undefined) {
        problem ??= new UsageError(
          `${JSON.stringify(rest)} after -- would be ignored: cci-conditional takes no arguments there`,
        );
      }
      args.push(...argv.slice(i));
      break;
    }
    const [, negated, name = '', withValue, value = ''] =
      /^--(no-)?([^=]*)(=([\s\S]*))?$/.exec(arg) ?? [];
    if (switches.has(name)) {
      const next = argv[i + 1];
      const spelled = withValue
        ? value
        : next !== undefined && parseSwitch(next) !== undefined && !negated
          ? next
          : undefined;
      if (spelled !== undefined && !withValue) i++;
      if (negated && withValue) {
        problem ??= new UsageError(
          `--no-${name} takes no value: write --no-${name} (off) or --${name} (on)`,
        );
      }
      const on = spelled === undefined ? !negated : parseSwitch(spelled);
      if (on === undefined) problem ??= switchValueError(`--${name}`, spelled ?? '');
      note(name, spelled ?? '');
      // with `=`, yargs takes no following `true`/`false` as the value
      args.push(`--${name}=${on !== false}`);
      continue;
    }
    if (valued.has(name) && negated) {
      // yargs would read `--no-rules` as the value false
      problem ??= new UsageError(
        `--no-${name}: only a switch can be turned off; --${name} takes a value`,
      );
    }
    if (valued.has(name) && !negated) {
      // yargs takes the next word as the value unless it looks like an option
      const next = argv[i + 1];
      const given = withValue ? value : next !== undefined && !/^-\D/.test(next) ? next : undefined;
      if (given !== undefined) note(name, given);
      args.push(arg);
      if (!withValue && given !== undefined) args.push(argv[++i] ?? '');
      continue;
    }
    args.push(arg);
  }
  return { args, written, problem };
}
