/**
 * yargs' complaints in the tool's own voice: one line that names the option or word at fault and
 * says what to do, as every other usage error does (`--timeout "soon" is not a positive number
 * of seconds`). Pure.
 */

import { nearestName, typoEdits } from '../core/nearest-name.js';
import { COMMANDS, type Command, commandOf, optionsOf } from './cli-options.js';

const THE_COMMANDS = `the commands are ${COMMANDS.join(', ')}`;

export function inToolVoice(message: string, args: readonly string[]): string {
  const text = message.replace(/\s+/g, ' ').trim();
  const unknown = /^Unknown arguments?: (.*)$/.exec(text)?.[1];
  if (unknown) return unknown.split(', ').map(unknownWord(args)).join('; ');
  const following = /^Not enough arguments following: (\S+)$/.exec(text)?.[1];
  if (following) return `--${following} needs a value: write --${following} VALUE`;
  const [, one, other] = /^Arguments (\S+) and (\S+) are mutually exclusive$/.exec(text) ?? [];
  if (one && other) return `--${one} and --${other} cannot be combined: give one of them`;
  return text;
}

/** What is wrong with one word yargs did not know, as the user wrote it. */
function unknownWord(args: readonly string[]): (name: string) => string {
  const command = commandOf(args);
  return (name) => {
    // yargs names `--dry-Run=1` as `dry-Run`
    const written = args.find((arg) => arg.replace(/=[\s\S]*$/, '').replace(/^-+/, '') === name);
    if (!written?.startsWith('-')) {
      const nearest = nearestName(name, [...COMMANDS, 'help', 'version'], typoEdits(name));
      const guess = nearest ? ` did you mean ${nearest}?` : '';
      return `${JSON.stringify(name)} is not a command;${guess} ${guess ? capital(THE_COMMANDS) : THE_COMMANDS}`;
    }
    const dashes = /^-+/.exec(written)?.[0] ?? '--';
    const owner = COMMANDS.find((other) => name in optionsOf[other]);
    if (dashes === '--' && owner) return `--${name} is an option of ${owner}, not of ${command}`;
    const nearest = nearestName(name, namesOf(command), typoEdits(name));
    const guess = nearest ? `; did you mean --${nearest}?` : '';
    return `${dashes}${name} is not an option of ${command}${guess}`;
  };
}

const namesOf = (command: Command) => [...Object.keys(optionsOf[command]), 'help', 'version'];

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
