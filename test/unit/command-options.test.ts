import { describe, expect, it } from 'vitest';
import { optionsOf } from '../../src/cli/cli-options.js';
import {
  configSourceOf,
  readCheckOptions,
  readLogOptions,
  readRunOptions,
} from '../../src/cli/command-options.js';

/** What yargs gives `run` without any option: every default of the table, numbers as text. */
const runDefaults = Object.fromEntries(
  Object.entries(optionsOf.run)
    .filter(([, option]) => option.default !== undefined)
    .map(([name, option]) => [
      name,
      option.type === 'number' ? String(option.default) : option.default,
    ]),
);
const flags = (name: string) => `--${name}`;
const config = { path: '.circleci/config.yml', explicit: false, skippable: true };

describe('readRunOptions', () => {
  it('reads the defaults of the option table', () => {
    expect(readRunOptions(runDefaults, flags, config)).toEqual({
      rules: '.circleci/deploy-rules.json',
      dryRun: false,
      host: 'https://circleci.com',
      tokenEnv: undefined,
      timeoutSeconds: 30,
      retries: 3,
      node: 0,
      once: false,
      allowSuperseded: false,
      wait: false,
      waitTimeoutSeconds: 1800,
      waitForNodes: false,
      loopGuard: true,
      config,
    });
  });

  it.each([
    [{ 'repo-dir': 'app' }, { repoDir: 'app' }],
    [
      { 'paths-base': 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' },
      { pathsBase: { sha: 'abcdef0123456789abcdef0123456789abcdef01', origin: '--paths-base' } },
    ],
    [
      { 'dry-run': true, once: true, 'loop-guard': false },
      { dryRun: true, once: true, loopGuard: false },
    ],
  ])('reads %j', (given, expected) => {
    expect(readRunOptions({ ...runDefaults, ...given }, flags, config)).toMatchObject(expected);
  });

  it('checks no config with --no-config-check', () => {
    const options = readRunOptions({ ...runDefaults, 'config-check': false }, flags, config);
    expect(options).not.toHaveProperty('config');
  });

  it.each([
    [{ node: '1001' }, '--node "1001" is not a whole number from 0 to 1000'],
    [
      { 'wait-timeout': '21601' },
      '--wait-timeout "21601" is more than 21600 seconds, the upper bound',
    ],
    [{ timeout: 'soon' }, '--timeout "soon" is not a positive number of seconds'],
  ])('refuses %j', (given, message) => {
    expect(() => readRunOptions({ ...runDefaults, ...given }, flags, config)).toThrow(message);
  });
});

describe('the other commands', () => {
  it('reads the log options, naming a bad one as it was given', () => {
    expect(readLogOptions({ 'log-level': 'debug', 'log-format': 'json' }, flags)).toEqual({
      level: 'debug',
      format: 'json',
    });
    expect(() =>
      readLogOptions(
        { 'log-level': 'loud', 'log-format': 'text' },
        () => 'CCI_CONDITIONAL_LOG_LEVEL',
      ),
    ).toThrow(
      'CCI_CONDITIONAL_LOG_LEVEL="loud" is not one of trace, debug, info, warn, error, silent',
    );
  });

  it.each([
    [{}, 'run', { path: '.circleci/config.yml', explicit: false, skippable: true }],
    [{ config: 'ci.yml' }, 'validate', { path: 'ci.yml', explicit: true, skippable: false }],
  ] as const)('takes the config of %j for %s', (args, command, expected) => {
    expect(configSourceOf(args, command)).toEqual(expected);
  });

  it('reads check: a tag before a branch, and every --changed', () => {
    expect(readCheckOptions({ tag: 'v1', branch: 'main' }, () => ['a', 'b'])).toEqual({
      ref: { kind: 'tag', name: 'v1' },
      changed: { given: ['a', 'b'], from: undefined },
    });
    expect(readCheckOptions({ 'changed-from': 'list.txt' }, () => [])).toEqual({
      ref: undefined,
      changed: { given: [], from: 'list.txt' },
    });
  });
});
