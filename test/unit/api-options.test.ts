import { describe, expect, it } from 'vitest';
import { MAX_RETRIES, readApiOptions } from '../../src/circleci/api-options.js';

const DEFAULTS = { host: 'https://circleci.com', timeout: '30', retries: '3' };
const flags = (name: string) => `--${name}`;
const variables = (name: string) => `CCI_CONDITIONAL_${name.toUpperCase().replace('-', '_')}`;

describe('readApiOptions (run and doctor)', () => {
  it('reads the defaults', () => {
    expect(readApiOptions(DEFAULTS, flags)).toEqual({
      host: 'https://circleci.com',
      tokenEnv: undefined,
      timeoutSeconds: 30,
      retries: 3,
    });
  });

  it('reads every option at its bound', () => {
    const args = { host: 'http://127.0.0.1:8080', 'token-env': 'DEPLOY_TOKEN', timeout: '3600' };
    expect(readApiOptions({ ...args, retries: String(MAX_RETRIES) }, flags)).toEqual({
      host: 'http://127.0.0.1:8080',
      tokenEnv: 'DEPLOY_TOKEN',
      timeoutSeconds: 3600,
      retries: 20,
    });
  });

  it.each([
    [{ retries: '21' }, flags, '--retries "21" is not a whole number from 0 to 20'],
    [{ timeout: '3601' }, flags, '--timeout "3601" is more than 3600 seconds, the upper bound'],
    [
      { timeout: '0' },
      variables,
      'CCI_CONDITIONAL_TIMEOUT="0" is not a positive number of seconds',
    ],
    [
      { host: 'http://circleci.com' },
      flags,
      '--host http://circleci.com: http:// is refused for circleci.com, the token would travel in clear text; use https://',
    ],
    [
      { 'token-env': '$TOKEN' },
      variables,
      'CCI_CONDITIONAL_TOKEN_ENV takes the name of a variable, like DEPLOY_TOKEN; the value given is not one (not shown: it may be the token itself)',
    ],
  ])('refuses %j', (bad, originOf, message) => {
    expect(() => readApiOptions({ ...DEFAULTS, ...bad }, originOf)).toThrow(message);
  });
});
