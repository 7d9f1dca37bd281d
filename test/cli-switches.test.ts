/**
 * Switches and option names through `main()` against the fake CircleCI: every spelling of a
 * switch reads the same on the command line and in CCI_CONDITIONAL_*, and anything else is exit 2
 * with nothing sent.
 */
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, posts, TOKEN } from './helpers/run-harness.js';

const RULES = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const SWITCH_ERROR = 'is not one of true/false, 1/0, yes/no, on/off';

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });

const cli = (argv: string[], env: Record<string, string> = {}) =>
  cliWith(['--host', fake.url, ...argv], { ...baseEnv, ...env }, RULES);

describe('--dry-run, however it is spelled', () => {
  it.each([
    [['--dry-run=1']],
    [['--dry-run=yes']],
    [['--dry-run=on']],
    [['--dry-run=TRUE']],
    [['--dry-run=True']],
    [['--dry-run', 'yes']],
    [['--dry-run', '1']],
  ])('sends nothing with %j', async (flags) => {
    const { code, stdout } = await cli(flags);
    expect(code).toBe(0);
    expect(stdout).toContain('rule "staging" would send:\n');
    expect(fake.requests).toEqual([]);
  });

  it.each(['1', 'yes', 'on', 'TRUE', 'Yes'])(
    'sends nothing with CCI_CONDITIONAL_DRY_RUN=%s',
    async (value) => {
      const { code, stdout } = await cli([], { CCI_CONDITIONAL_DRY_RUN: value });
      expect(code).toBe(0);
      expect(stdout).toContain('rule "staging" would send:\n');
      expect(fake.requests).toEqual([]);
    },
  );

  it.each([[['--dry-run=0']], [['--dry-run=no']], [['--dry-run=OFF']], [['--no-dry-run']]])(
    'triggers with %j',
    async (flags) => {
      const { code } = await cli(flags, { CCI_CONDITIONAL_DRY_RUN: 'true' });
      expect(code).toBe(0);
      expect(posts(fake)).toHaveLength(1);
    },
  );

  it.each([
    ['--dry-run=maybe', '--dry-run "maybe"'],
    ['--dry-run=2', '--dry-run "2"'],
    ['--dry-run=', '--dry-run ""'],
  ])('exits 2 on %s, naming the value, and sends nothing', async (flag, shown) => {
    const { code, stdout, stderr } = await cli([flag]);
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${shown} ${SWITCH_ERROR}\n`,
    });
    expect(fake.requests).toEqual([]);
  });
});

describe('every switch', () => {
  it('reads --json=1 as on', async () => {
    const { code, stdout } = await cli(['--json=1']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).decision).toBe('triggered');
  });

  it.each([
    ['--wait=yes', true],
    ['--wait=No', false],
  ])('follows the pipeline with %s: %s', async (flag, followed) => {
    const { code, stdout } = await cli([flag, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).triggers[0].outcome !== undefined).toBe(followed);
  });

  it.each([
    ['--fail-on-no-match=on', 1],
    ['--fail-on-no-match=0', 0],
  ])('exits on no match with %s: %i', async (flag, exit) => {
    const { code } = await cli([flag], { CIRCLE_BRANCH: 'feature/x' });
    expect(code).toBe(exit);
  });

  it.each([
    '--once=maybe',
    '--wait=2',
    '--wait-for-nodes=y',
    '--fail-on-no-match=',
    '--json=x',
    '--allow-superseded=always',
  ])('exits 2 on %s and sends nothing', async (flag) => {
    const [name, value] = flag.split('=');
    const { code, stderr } = await cli([flag]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${name} ${JSON.stringify(value)} ${SWITCH_ERROR}\n`);
    expect(fake.requests).toEqual([]);
  });

  it('skips an earlier trigger with --once=1 instead of triggering twice', async () => {
    expect((await cli([])).code).toBe(0);
    const { code, stderr } = await cli(['--once=1']);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(stderr).toContain('skipped');
  });
});

describe('option names are exact', () => {
  it.each([
    ['--DRY-RUN', '--DRY-RUN is not an option of run; did you mean --dry-run?'],
    ['--dry-Run', '--dry-Run is not an option of run; did you mean --dry-run?'],
    ['--dryRun', '--dryRun is not an option of run; did you mean --dry-run?'],
    ['--dry-Run=1', '--dry-Run is not an option of run; did you mean --dry-run?'],
    ['--dryrun', '--dryrun is not an option of run; did you mean --dry-run?'],
    ['--rule=x.json', '--rule is not an option of run; did you mean --rules?'],
    [
      '--failOnNoMatch',
      '--failOnNoMatch is not an option of run; did you mean --fail-on-no-match?',
    ],
    ['--tokenEnv=X', '--tokenEnv is not an option of run; did you mean --token-env?'],
    ['--JSON', '--JSON is not an option of run; did you mean --json?'],
  ])('exits 2 on %s with "did you mean", sending nothing', async (flag, described) => {
    const { code, stdout, stderr } = await cli([flag]);
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${described} (see --help)\n`,
    });
    expect(fake.requests).toEqual([]);
  });

  it.each([
    [
      ['--dry-run=1', 'false'],
      '"false" is not a command; the commands are run, check, validate, doctor',
    ],
    [
      ['--', '--dry-run'],
      '"--dry-run" after -- would be ignored: cci-conditional takes no arguments there',
    ],
  ])(
    'exits 2 on %j, where a switch could be read as off, and sends nothing',
    async (argv, message) => {
      const { code, stderr } = await cli(argv);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `error: ${message}${message.includes('is not a command') ? ' (see --help)' : ''}\n`,
      );
      expect(fake.requests).toEqual([]);
    },
  );

  it('offers nothing for a flag that resembles no option', async () => {
    const { code, stderr } = await cli(['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: --bogus is not an option of run (see --help)\n');
  });

  it('names an unknown word with the commands', async () => {
    const { code, stderr } = await cli(['deploy']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: "deploy" is not a command; the commands are run, check, validate, doctor (see --help)\n',
    );
  });
});

describe('an option without its value', () => {
  it.each(['--rules', '--token-env', '--log-level', '--timeout'])(
    'exits 2 with one line when %s ends the command line',
    async (flag) => {
      const { code, stdout, stderr } = await cli([flag]);
      expect({ code, stdout, stderr }).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: ${flag} needs a value: write ${flag} VALUE (see --help)\n`,
      });
      expect(fake.requests).toEqual([]);
    },
  );

  it.each(['--no-token-env', '--no-rules'])(
    'exits 2 on %s, which has nothing to turn off',
    async (flag) => {
      const { code, stderr } = await cli([flag]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `error: ${flag}: only a switch can be turned off; --${flag.slice(5)} takes a value\n`,
      );
      expect(fake.requests).toEqual([]);
    },
  );

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await cli(['--json', '--rules']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      decision: 'failed',
      reason: '--rules needs a value: write --rules VALUE (see --help)',
      triggers: [],
    });
  });
});

describe('-h', () => {
  it('prints the help, as --help does', async () => {
    const [short, long] = await Promise.all([cli(['-h']), cli(['--help'])]);
    expect(short.code).toBe(0);
    expect(short.stdout).toContain('--dry-run');
    expect(short.stdout.replace(/\s+/g, ' ')).toContain(
      'Switches read --flag, --no-flag and --flag=VALUE, VALUE one of true/false, 1/0, yes/no, on/off.',
    );
    expect(short).toEqual(long);
  });
});
