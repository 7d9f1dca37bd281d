import { describe, expect, it } from 'vitest';
import { helpWords } from '../../src/cli/help-words.js';
import { inToolVoice } from '../../src/cli/usage-messages.js';

describe("yargs' complaints in the tool's voice", () => {
  it.each<[string, string[], string]>([
    [
      'Not enough arguments following: branch',
      ['check', '--branch'],
      '--branch needs a value: write --branch VALUE',
    ],
    [
      'Arguments branch and tag are mutually exclusive',
      ['check', '--branch', 'a', '--tag', 'b'],
      '--branch and --tag cannot be combined: give one of them',
    ],
    ['Unknown argument: bogus', ['--bogus'], '--bogus is not an option of run'],
    [
      'Unknown argument: dry-Run',
      ['--dry-Run=1'],
      '--dry-Run is not an option of run; did you mean --dry-run?',
    ],
    ['Unknown argument: x', ['-x'], '-x is not an option of run'],
    [
      'Unknown argument: project',
      ['--project', 'gh/a/b'],
      '--project is an option of doctor, not of run',
    ],
    [
      'Unknown arguments: branch, rulez',
      ['validate', '--branch=main', '--rulez=x'],
      '--branch is an option of check, not of validate; --rulez is not an option of validate; did you mean --rules?',
    ],
    [
      'Unknown argument: deploy',
      ['deploy'],
      '"deploy" is not a command; the commands are run, check, validate, doctor',
    ],
    [
      'Unknown argument: valdate',
      ['valdate'],
      '"valdate" is not a command; did you mean validate? The commands are run, check, validate, doctor',
    ],
    // any other complaint keeps its words, on one line
    ['Missing required\n  argument: x', [], 'Missing required argument: x'],
  ])('%j for %j', (message, args, said) => {
    expect(inToolVoice(message, args)).toBe(said);
  });
});

describe('help and version as words', () => {
  it.each<[string[], string[]]>([
    [['help'], ['--help']],
    [
      ['help', 'check'],
      ['check', '--help'],
    ],
    [
      ['--rules=r.json', 'help', 'doctor'],
      ['--rules=r.json', 'doctor', '--help'],
    ],
    [
      ['--rules', 'help', 'check'],
      ['--rules', 'help', 'check'],
    ],
    [['help', 'chek'], ['chek']],
    [['version'], ['--version']],
    [
      ['check', 'help'],
      ['check', 'help'],
    ],
    [
      ['--', 'help'],
      ['--', 'help'],
    ],
  ])('reads %j as %j', (argv, words) => {
    expect(helpWords(argv)).toEqual(words);
  });
});
