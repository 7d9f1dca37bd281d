/**
 * The common command lines of `run`, read without loading yargs: `run` and `--name=value` or
 * `--name value` for the options of the table in cli-options.ts (switches arrive spelled
 * `--flag=true` or `--flag=false` from switches.ts). Anything else, help, version and every
 * mistake included, returns undefined and goes to yargs, which stays the authority; a
 * differential test demands yargs' answer wherever this one answers. Pure.
 */
import type { Command } from './cli-options.js';
import { optionsOf } from './cli-options.js';
import type { Parsed } from './parse-args.js';

export function readCommonLine(command: Command, words: readonly string[]): Parsed | undefined {
  if (command !== 'run') return undefined;
  const options = optionsOf.run;
  const given: Record<string, unknown> = {};
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (!word.startsWith('--')) {
      if (word !== 'run' || positional.length > 0) return undefined;
      positional.push(word);
      continue;
    }
    const equals = word.indexOf('=');
    const name = word.slice(2, equals < 0 ? undefined : equals);
    const option = Object.hasOwn(options, name) ? options[name] : undefined;
    if (option === undefined) return undefined;
    if (option.type === 'boolean') {
      const value = word.slice(equals + 1);
      if (equals < 0 || (value !== 'true' && value !== 'false')) return undefined;
      given[name] = value === 'true';
      continue;
    }
    // A value that is empty or starts with - is left to yargs' own rules.
    const value = equals < 0 ? words[++i] : word.slice(equals + 1);
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    given[name] = value;
  }
  const args: Record<string, unknown> = { _: positional };
  for (const [name, option] of Object.entries(options)) {
    if (name in given) args[name] = given[name];
    else if (option.default !== undefined) args[name] = option.default;
  }
  args.$0 = 'cci-conditional';
  return { args };
}
