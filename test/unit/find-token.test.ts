import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { findToken, possibleTokens } from '../../src/circleci/find-token.js';

const TOKEN = 'CCIPAT_abcdef_0123456789';

describe('findToken', () => {
  it.each<[string | undefined, Record<string, string>, { name: string; value: string }]>([
    [undefined, { CIRCLE_API_TOKEN: TOKEN }, { name: 'CIRCLE_API_TOKEN', value: TOKEN }],
    [undefined, { CIRCLE_TOKEN: TOKEN }, { name: 'CIRCLE_TOKEN', value: TOKEN }],
    [
      undefined,
      { CIRCLE_API_TOKEN: ' ', CIRCLE_TOKEN: TOKEN },
      { name: 'CIRCLE_TOKEN', value: TOKEN },
    ],
    [undefined, { CIRCLE_API_TOKEN: `${TOKEN}\n` }, { name: 'CIRCLE_API_TOKEN', value: TOKEN }],
    [undefined, { CIRCLE_API_TOKEN: ` ${TOKEN}\r\n` }, { name: 'CIRCLE_API_TOKEN', value: TOKEN }],
    [
      'DEPLOY_TOKEN',
      { DEPLOY_TOKEN: TOKEN, CIRCLE_API_TOKEN: 'other-token' },
      { name: 'DEPLOY_TOKEN', value: TOKEN },
    ],
  ])('with --token-env %s reads %j', (tokenEnv, env, found) => {
    expect(findToken(tokenEnv, env)).toEqual(found);
  });

  it.each<[string | undefined, Record<string, string>, string]>([
    [
      undefined,
      { CIRCLE_API_TOKEN: 'CCIPAT_abc\ndef_0123' },
      'the token in CIRCLE_API_TOKEN contains a line break, which no API token has; set it to the token alone (value not shown)',
    ],
    [
      undefined,
      { CIRCLE_API_TOKEN: 'CCIPAT_abc\rdef_0123' },
      'the token in CIRCLE_API_TOKEN contains a line break, which no API token has; set it to the token alone (value not shown)',
    ],
    [
      'DEPLOY_TOKEN',
      { DEPLOY_TOKEN: 'CCIPAT abc_0123' },
      'the token in DEPLOY_TOKEN contains a space, which no API token has; set it to the token alone (value not shown)',
    ],
    [
      undefined,
      { CIRCLE_TOKEN: 'CCIPAT_abc\u00e9_0123' },
      'the token in CIRCLE_TOKEN contains a control or non-ASCII character, which no API token has; set it to the token alone (value not shown)',
    ],
    [
      undefined,
      { CIRCLE_API_TOKEN: 'abc' },
      'the token in CIRCLE_API_TOKEN has 3 characters, too few for a CircleCI API token (value not shown)',
    ],
    [
      TOKEN,
      { CIRCLE_API_TOKEN: TOKEN },
      '--token-env was given the value of CIRCLE_API_TOKEN, not a variable name: write --token-env CIRCLE_API_TOKEN',
    ],
    [
      'MY_TOKEN',
      { CCI_CONDITIONAL_TOKEN_ENV: 'MY_TOKEN' },
      'no API token: MY_TOKEN (named by --token-env) is not set or empty',
    ],
  ])('with --token-env %s refuses %j', (tokenEnv, env, message) => {
    const attempt = () => findToken(tokenEnv, env);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('possibleTokens', () => {
  it('holds each token variable as set and trimmed', () => {
    expect(
      possibleTokens([], {
        CIRCLE_API_TOKEN: `${TOKEN}\n`,
        CIRCLE_TOKEN: ' other-token ',
        X: 'no',
      }),
    ).toEqual([`${TOKEN}\n`, TOKEN, ' other-token ', 'other-token']);
  });

  it('holds the value of the --token-env variable', () => {
    expect(possibleTokens(['DEPLOY_TOKEN'], { DEPLOY_TOKEN: TOKEN })).toEqual([TOKEN, TOKEN]);
  });

  it.each([
    ['the value of another variable', TOKEN, { DEPLOY_TOKEN: TOKEN }],
    ['no variable name', 'a-b"c\\d', {}],
    ['no variable name, untrimmed', ' 0123456789abcdef\n', {}],
  ])('holds a --token-env argument that is %s', (_, given, env) => {
    expect(possibleTokens([given], env)).toContain(given);
  });

  it.each([
    ['a set variable', 'DEPLOY_TOKEN', { DEPLOY_TOKEN: TOKEN }],
    ['an unset variable no other holds', 'DEPLY_TOKEN', { DEPLOY_TOKEN: TOKEN }],
    ['named by CCI_CONDITIONAL_TOKEN_ENV', 'MY_TOKEN', { CCI_CONDITIONAL_TOKEN_ENV: 'MY_TOKEN' }],
  ])('does not hide a --token-env argument that is %s', (_, given, env) => {
    expect(possibleTokens([given], env)).not.toContain(given);
  });
});
