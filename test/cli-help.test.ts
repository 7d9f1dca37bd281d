/**
 * The help a user reads: one usage line with every command, options in groups by what they are
 * about (--help and --version apart), the types the options really take, examples, and the
 * words `help [command]` and `version` as people type them. All of it is yargs' own output from
 * the option table in src/cli/cli-options.ts.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, optionsOf } from '../src/cli/cli-options.js';
import { mainWith } from './helpers/run-harness.js';

const { version } = (await import('../package.json', { with: { type: 'json' } })).default;

function cli(argv: string[], env: Record<string, string> = {}) {
  return mainWith(argv, env, {
    readFile: async () => {
      throw new Error('help reads no file');
    },
  });
}

/** The help's sections: heading line → the lines under it, up to the next empty line. */
function sections(help: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const block of help.split('\n\n')) {
    const [heading = '', ...lines] = block.split('\n');
    found.set(heading, lines);
  }
  return found;
}

/** The option names a section lists (`--dry-run`, `-h, --help` → `help`). */
const optionNames = (lines: string[] = []) =>
  lines.flatMap((line) => /^\s+(?:-\w, )?--([\w-]+)/.exec(line)?.[1] ?? []);

describe('--help', () => {
  it('starts with a usage line naming every command', async () => {
    const { code, stdout, stderr } = await cli(['--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n')[0]).toBe(`cci-conditional [${COMMANDS.join('|')}] [options]`);
    for (const command of COMMANDS)
      expect(stdout).toMatch(new RegExp(`^  cci-conditional ${command} `, 'm'));
  });

  it.each(COMMANDS)(
    'of %s lists each of its options once, in the groups rules, API, modes and output',
    async (command) => {
      const { stdout } = await cli([command, '--help']);
      const found = sections(stdout);
      const grouped = ['Rules:', 'API:', 'Modes:', 'Output:'].flatMap((group) =>
        optionNames(found.get(group)),
      );
      expect([...grouped].sort()).toEqual(Object.keys(optionsOf[command]).sort());
      // --help and --version apart, with nothing else
      expect(optionNames(found.get('Options:'))).toEqual(['help', 'version']);
      const headings = [...found.keys()].filter((heading) => heading.endsWith(':'));
      expect(headings.slice(-2)).toEqual(['Options:', 'Examples:']);
    },
  );

  it('puts the groups in the order rules, API, modes, output', async () => {
    const { stdout } = await cli(['run', '--help']);
    const order = ['Rules:', 'API:', 'Modes:', 'Output:', 'Options:'].map((heading) =>
      stdout.indexOf(`\n${heading}\n`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it.each([
    ['timeout', 'number', '30'],
    ['retries', 'number', '3'],
    ['node', 'number', '0'],
    ['wait-timeout', 'number', '1800'],
    ['rules', 'string', '".circleci/deploy-rules.json"'],
    ['dry-run', 'boolean', 'false'],
  ])('shows --%s as [%s] with its default %s', async (name, type, fallback) => {
    const { stdout } = await cli(['run', '--help']);
    // an option's entry: from its name to the next option
    const entry = new RegExp(`--${name} [\\s\\S]*?(?=\\n {2}(?:-\\w, )?--|\\n\\n)`).exec(
      stdout,
    )?.[0];
    expect(entry?.replace(/\s+/g, ' ')).toContain(`[${type}] [default: ${fallback}]`);
  });

  it.each<[string, string]>([
    ['run', 'cci-conditional --dry-run'],
    ['check', 'cci-conditional check --branch main'],
    ['validate', 'cci-conditional validate'],
    ['doctor', 'cci-conditional doctor --project gh/acme/app'],
  ])('shows an example of %s', async (command, example) => {
    const [all, own] = await Promise.all([cli(['--help']), cli([command, '--help'])]);
    expect(sections(all.stdout).get('Examples:')?.join('\n')).toContain(`  ${example} `);
    expect(sections(own.stdout).get('Examples:')?.join('\n')).toContain(`  ${example} `);
  });
});

describe('help and version as words', () => {
  it.each([
    [['help'], ['--help']],
    [
      ['help', 'check'],
      ['check', '--help'],
    ],
    [
      ['help', 'run'],
      ['run', '--help'],
    ],
    [
      ['help', 'validate'],
      ['validate', '--help'],
    ],
    [
      ['help', 'doctor'],
      ['doctor', '--help'],
    ],
    [
      ['check', '-h'],
      ['check', '--help'],
    ],
  ])('%j prints what %j prints, exit 0', async (words, flags) => {
    const [asWords, asFlags] = await Promise.all([cli(words), cli(flags)]);
    expect(asWords).toEqual(asFlags);
    expect(asWords.code).toBe(0);
    expect(asWords.stdout).toContain('Options:');
  });

  it('names the command whose help is asked for', async () => {
    const { stdout } = await cli(['help', 'check']);
    expect(stdout.split('\n')[0]).toBe('cci-conditional check');
  });

  it.each([[['version']], [['-v']], [['--version']]])(
    '%j prints the version, exit 0',
    async (argv) => {
      expect(await cli(argv)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    },
  );

  it('refuses help for a command that does not exist, naming the commands', async () => {
    expect(await cli(['help', 'chek'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: "chek" is not a command; did you mean check? The commands are run, check, validate, doctor (see --help)\n',
    });
  });

  it('reads the help of a command even when a job sets CCI_CONDITIONAL_* for another', async () => {
    const { code, stdout } = await cli(['help', 'check'], { CCI_CONDITIONAL_ONCE: 'true' });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('cci-conditional check');
  });
});
