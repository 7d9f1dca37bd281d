import { describe, expect, it } from 'vitest';
import { SWITCHES, VALUED } from '../../src/cli/cli-options.js';
import { parseSwitch, readCommandLine } from '../../src/cli/switches.js';

describe('parseSwitch', () => {
  it.each([
    ...['true', 'TRUE', 'True', '1', 'yes', 'YES', 'on', 'On'].map((v) => [v, true] as const),
    ...['false', 'FALSE', '0', 'no', 'No', 'off', 'OFF'].map((v) => [v, false] as const),
    ...['', 'maybe', '2', 'y', 'n', ' true', 'true ', 'enabled', '01'].map(
      (v) => [v, undefined] as const,
    ),
  ])('reads %j as %s', (value, on) => {
    expect(parseSwitch(value)).toBe(on);
  });
});

describe('readCommandLine', () => {
  const read = (argv: string[]) => readCommandLine(argv, SWITCHES, VALUED);

  it.each<[string[], string[]]>([
    [['--dry-run'], ['--dry-run=true']],
    [['--no-dry-run'], ['--dry-run=false']],
    [['--dry-run=1'], ['--dry-run=true']],
    [['--dry-run=YES'], ['--dry-run=true']],
    [['--dry-run=on'], ['--dry-run=true']],
    [['--dry-run=0'], ['--dry-run=false']],
    [['--dry-run=Off'], ['--dry-run=false']],
    [
      ['--once=true', '--wait=no'],
      ['--once=true', '--wait=false'],
    ],
    [
      ['--json', 'false', 'validate'],
      ['--json=false', 'validate'],
    ],
    [
      ['--json', 'yes', 'validate'],
      ['--json=true', 'validate'],
    ],
    [
      ['--json', 'validate'],
      ['--json=true', 'validate'],
    ],
    // a word after `=` is not the switch's: yargs must not take it either
    [
      ['--dry-run=1', 'false'],
      ['--dry-run=true', 'false'],
    ],
    [
      ['--no-dry-run', 'true'],
      ['--dry-run=false', 'true'],
    ],
    [
      ['--rules', 'yes', '--dry-run'],
      ['--rules', 'yes', '--dry-run=true'],
    ],
    [
      ['--rules=on', '--json=1'],
      ['--rules=on', '--json=true'],
    ],
    [
      ['--DRY-RUN=1', '--dryRun'],
      ['--DRY-RUN=1', '--dryRun'],
    ],
    [
      ['check', '--dry-run=1'],
      ['check', '--dry-run=true'],
    ],
  ])('spells %j as %j for yargs', (argv, args) => {
    const line = read(argv);
    expect(line.problem).toBeUndefined();
    expect(line.args).toEqual(args);
  });

  it.each<[string[], string]>([
    [['--dry-run=maybe'], '--dry-run "maybe" is not one of true/false, 1/0, yes/no, on/off'],
    [['--once='], '--once "" is not one of true/false, 1/0, yes/no, on/off'],
    [
      ['--no-dry-run=true'],
      '--no-dry-run takes no value: write --no-dry-run (off) or --dry-run (on)',
    ],
    [['--wait=2', '--json=x'], '--wait "2" is not one of true/false, 1/0, yes/no, on/off'],
    [['--no-rules'], '--no-rules: only a switch can be turned off; --rules takes a value'],
    [
      ['--', '--dry-run'],
      '"--dry-run" after -- would be ignored: cci-conditional takes no arguments there',
    ],
    [
      ['--no-token-env'],
      '--no-token-env: only a switch can be turned off; --token-env takes a value',
    ],
  ])('finds the problem in %j', (argv, message) => {
    expect(read(argv).problem?.message).toBe(message);
  });

  it('keeps a bad switch on, so that a problem never turns it off', () => {
    expect(read(['--dry-run=maybe']).args).toEqual(['--dry-run=true']);
  });

  it('notes every value written for an option, and which options were written', () => {
    const line = read(['--token-env', 'A', '--token-env=B', '--json', '--rules', '--dry-run']);
    expect(Object.fromEntries(line.written)).toEqual({
      'token-env': ['A', 'B'],
      json: [''],
      'dry-run': [''],
    });
  });
});
