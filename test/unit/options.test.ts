import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import {
  parseChoice,
  parseCommit,
  parseCount,
  parseEnvName,
  parseHost,
  parseSeconds,
} from '../../src/core/option-values.js';

/** The message of the UsageError `attempt` throws. */
function usageMessage(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseHost', () => {
  it.each([
    ['https://circleci.com', 'https://circleci.com'],
    ['https://circleci.com/', 'https://circleci.com'],
    ['https://CircleCI.example.com:8443', 'https://circleci.example.com:8443'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.8.9.10', 'http://127.8.9.10'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://LOCALHOST', 'http://localhost'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('accepts %s as %s', (value, origin) => {
    expect(parseHost(value)).toBe(origin);
  });

  it.each([
    ['http://circleci.com', 'circleci.com'],
    ['http://circleci.example.com:8080', 'circleci.example.com'],
    ['http://10.0.0.5', '10.0.0.5'],
    ['http://128.0.0.1', '128.0.0.1'],
    ['http://0.0.0.0', '0.0.0.0'],
    ['http://localhost.example.com', 'localhost.example.com'],
    ['http://127.0.0.1.nip.io', '127.0.0.1.nip.io'],
    ['http://[::2]', '[::2]'],
  ])('refuses plain http to %s, a host that is not loopback', (value, host) => {
    expect(usageMessage(() => parseHost(value))).toBe(
      `--host ${value}: http:// is refused for ${host}, the token would travel in clear text; use https://`,
    );
  });

  it.each(['https://circleci.com/api/v2', 'http://127.0.0.1:4010/api'])(
    'refuses %s, which is more than an origin',
    (value) => {
      expect(usageMessage(() => parseHost(value))).toBe(
        `--host ${value}: give the origin only, like https://circleci.example.com`,
      );
    },
  );

  it.each([
    ['https://circleci.com?circle-token=s3cret', 'https://circleci.com/?***'],
    ['https://circleci.com/?circle-token=s3cret', 'https://circleci.com/?***'],
    ['https://circleci.com/#s3cret', 'https://circleci.com/#***'],
    ['https://circleci.com/api?x=s3cret#s3cret', 'https://circleci.com/api?***#***'],
    ['http://s3cret@127.0.0.1:4010/?s3cret', 'http://***@127.0.0.1:4010/?***'],
  ])('refuses %s without echoing its query or fragment', (value, shown) => {
    expect(usageMessage(() => parseHost(value))).toBe(
      `--host ${shown}: give the origin only, like https://circleci.example.com`,
    );
  });

  it.each([
    [
      'https://user:s3cret@circleci.com',
      '--host https://***@circleci.com/: give the origin only, like https://circleci.example.com',
    ],
    [
      'https:s3cret@circleci.com',
      '--host https://***@circleci.com/: give the origin only, like https://circleci.example.com',
    ],
    [
      'http://s3cret@circleci.com',
      '--host http://***@circleci.com/: http:// is refused for circleci.com, the token would travel in clear text; use https://',
    ],
  ])('never echoes the credentials of %s', (value, message) => {
    expect(usageMessage(() => parseHost(value))).toBe(message);
  });

  it.each([
    ['circleci.com', '--host "circleci.com" is not a URL (like https://circleci.com)'],
    [
      'circleci.com?circle-token=s3cret',
      '--host "circleci.com?***" is not a URL (like https://circleci.com)',
    ],
    ['s3cret@circleci.com', '--host "***@circleci.com" is not a URL (like https://circleci.com)'],
    [
      'ftp://user:s3cret@circleci.com/#s3cret',
      '--host ftp://***@circleci.com/#***: only https:// (or http:// on loopback) is supported',
    ],
    ['', '--host "" is not a URL (like https://circleci.com)'],
    [
      'ftp://circleci.com',
      '--host ftp://circleci.com: only https:// (or http:// on loopback) is supported',
    ],
  ])('refuses %j', (value, message) => {
    expect(usageMessage(() => parseHost(value))).toBe(message);
  });
});

describe('parseCount', () => {
  it.each([
    ['0', 0],
    ['3', 3],
    ['20', 20],
    ['007', 7],
  ])('reads %j as %i', (value, count) => {
    expect(parseCount('--retries', value, 20)).toBe(count);
  });

  it.each(['21', '-1', '1.5', 'three', '', '1e1', '0x3'])('refuses %j', (value) => {
    expect(usageMessage(() => parseCount('--retries', value, 20))).toBe(
      `--retries ${JSON.stringify(value)} is not a whole number from 0 to 20`,
    );
  });
});

describe('parseSeconds', () => {
  it.each([
    ['30', 30],
    ['2.5', 2.5],
    ['0.1', 0.1],
    ['3600', 3600],
  ])('reads %j as %d seconds', (value, seconds) => {
    expect(parseSeconds('--timeout', value, 3600)).toBe(seconds);
  });

  it.each(['0', '-5', 'abc', '', '  ', 'Infinity', 'NaN'])('refuses %j', (value) => {
    expect(usageMessage(() => parseSeconds('--timeout', value, 3600))).toBe(
      `--timeout ${JSON.stringify(value)} is not a positive number of seconds`,
    );
  });

  it.each(['3600.5', '2147484', '1e9'])('refuses %j, above the upper bound', (value) => {
    expect(usageMessage(() => parseSeconds('--timeout', value, 3600))).toBe(
      `--timeout ${JSON.stringify(value)} is more than 3600 seconds, the upper bound`,
    );
  });

  it('names the variable a value came from', () => {
    expect(usageMessage(() => parseSeconds('CCI_CONDITIONAL_WAIT_TIMEOUT', '99999', 21600))).toBe(
      'CCI_CONDITIONAL_WAIT_TIMEOUT="99999" is more than 21600 seconds, the upper bound',
    );
  });
});

describe('parseChoice', () => {
  const formats = ['text', 'json'] as const;

  it('returns a listed value', () => {
    expect(parseChoice('--log-format', 'json', formats)).toBe('json');
  });

  it.each(['xml', 'JSON', ''])('refuses %j and lists the choices', (value) => {
    expect(usageMessage(() => parseChoice('--log-format', value, formats))).toBe(
      `--log-format ${JSON.stringify(value)} is not one of text, json`,
    );
  });
});

describe('parseEnvName', () => {
  it.each(['CIRCLE_TOKEN', 'my_token', '_T0KEN'])('accepts %s', (value) => {
    expect(parseEnvName('--token-env', value)).toBe(value);
  });

  it.each(['DEPLOY-TOKEN', '1TOKEN', '', '$CIRCLE_TOKEN', 'A B'])(
    'refuses %j without showing it',
    (value) => {
      expect(usageMessage(() => parseEnvName('--token-env', value))).toBe(
        '--token-env takes the name of a variable, like DEPLOY_TOKEN; the value given is not one (not shown: it may be the token itself)',
      );
    },
  );
});

describe('parseCommit (--paths-base)', () => {
  it('takes a full commit SHA, in either case, lower-cased', () => {
    const sha = '0123456789ABCDEF0123456789abcdef01234567';
    expect(parseCommit('--paths-base', sha)).toEqual({
      sha: sha.toLowerCase(),
      origin: '--paths-base',
    });
  });

  it.each(['0123456', 'main', `${'a'.repeat(40)} `, '--upload-pack=x', 'g'.repeat(40), ''])(
    'refuses %j, naming where it came from',
    (value) => {
      expect(usageMessage(() => parseCommit('CCI_CONDITIONAL_PATHS_BASE', value))).toBe(
        `CCI_CONDITIONAL_PATHS_BASE=${JSON.stringify(value)} is not a commit SHA (40 hex digits; \`git rev-parse <commit>\` prints one)`,
      );
    },
  );
});

describe('a value from CCI_CONDITIONAL_*', () => {
  it.each<[string, () => unknown, string]>([
    [
      'a host',
      () => parseHost('http://example.com', 'CCI_CONDITIONAL_HOST'),
      'CCI_CONDITIONAL_HOST=http://example.com: http:// is refused for example.com, the token would travel in clear text; use https://',
    ],
    [
      'a host that is no URL',
      () => parseHost('nope', 'CCI_CONDITIONAL_HOST'),
      'CCI_CONDITIONAL_HOST="nope" is not a URL (like https://circleci.com)',
    ],
    [
      'a count',
      () => parseCount('CCI_CONDITIONAL_RETRIES', 'many', 20),
      'CCI_CONDITIONAL_RETRIES="many" is not a whole number from 0 to 20',
    ],
    [
      'a choice',
      () => parseChoice('CCI_CONDITIONAL_LOG_LEVEL', 'loud', ['info']),
      'CCI_CONDITIONAL_LOG_LEVEL="loud" is not one of info',
    ],
  ])('is reported under the variable: %s', (_, attempt, message) => {
    expect(usageMessage(attempt)).toBe(message);
  });
});
