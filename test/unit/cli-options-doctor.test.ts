import { describe, expect, it } from 'vitest';
import { argsFromEnv, commandOf } from '../../src/cli/cli-options.js';
import { parseArgs } from '../../src/cli/parse-args.js';

describe('the doctor command line', () => {
  it.each<[string[], string]>([
    [['doctor'], 'doctor'],
    [['doctor', '--project', 'gh/acme/app'], 'doctor'],
    [['--project', 'doctor'], 'run'],
    [['--host', 'https://c.example.com', 'doctor'], 'doctor'],
    [['--config', 'ci.yml', 'doctor'], 'doctor'],
  ])('commandOf reads %j as %s', (argv, command) => {
    expect(commandOf(argv)).toBe(command);
  });

  it.each([
    ['CCI_CONDITIONAL_PROJECT', 'gh/acme/app', ['--project=gh/acme/app']],
    ['CCI_CONDITIONAL_CONFIG', 'ci.yml', ['--config=ci.yml']],
    ['CCI_CONDITIONAL_HOST', 'https://c.example.com', ['--host=https://c.example.com']],
    ['CCI_CONDITIONAL_TOKEN_ENV', 'DEPLOY_TOKEN', ['--token-env=DEPLOY_TOKEN']],
    ['CCI_CONDITIONAL_TIMEOUT', '10', ['--timeout=10']],
    ['CCI_CONDITIONAL_RETRIES', '5', ['--retries=5']],
    ['CCI_CONDITIONAL_JSON', 'true', ['--json=true']],
    ['CCI_CONDITIONAL_DRY_RUN', 'true', []],
    ['CCI_CONDITIONAL_NODE', '1', []],
  ])('maps %s=%j to %j', (variable, value, args) => {
    expect(argsFromEnv('doctor', { [variable]: value })).toEqual(args);
  });

  it('takes the read options of run, --config and --project, with run defaults', () => {
    const parsed = parseArgs(['doctor', '--project', 'gh/acme/app', '--config', 'c.yml'], '1.0.0');
    expect(parsed.args).toMatchObject({
      project: 'gh/acme/app',
      config: 'c.yml',
      host: 'https://circleci.com',
      timeout: 30,
      retries: 3,
      rules: '.circleci/deploy-rules.json',
    });
  });

  it.each([['--dry-run'], ['--node', '1'], ['--once']])(
    'refuses %j, an option of run that reads nothing',
    (...flags) => {
      expect(() => parseArgs(['doctor', ...flags], '1.0.0')).toThrow(
        /^--[\w-]+ is an option of run, not of doctor \(see --help\)$/,
      );
    },
  );

  it('lists doctor in --help, and doctor --help lists --project', () => {
    expect(parseArgs(['--help'], '1.0.0').output).toContain(
      'cci-conditional doctor    check, read-only, that a deploy would work',
    );
    expect(parseArgs(['doctor', '--help'], '1.0.0').output).toMatch(
      /--project +this project outside CircleCI: gh\/org\/repo/,
    );
  });
});
