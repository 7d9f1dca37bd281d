/**
 * The API token: where it is looked up, and every value that could be it, so that output hides
 * them all from its first byte. Pure.
 */

import { UsageError } from '../base/errors.js';
import type { Env } from '../core/read-context.js';

/** Looked up in this order when --token-env is not given. */
export const TOKEN_VARIABLES = ['CIRCLE_API_TOKEN', 'CIRCLE_TOKEN'] as const;

/** No CircleCI token is shorter (they have 40 characters or more); shorter cannot be hidden well. */
export const MIN_TOKEN_LENGTH = 8;

const isName = (text: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(text);

/** The variable (other than `except`) whose trimmed value is `text`, if any. */
function holderOf(text: string, env: Env, except: string): string | undefined {
  return Object.keys(env).find((name) => name !== except && env[name]?.trim() === text.trim());
}

/**
 * Each token variable's value, as set and trimmed; and each `--token-env` argument that is not
 * the name of a set variable but is no name, or the value of another variable (the shell slip
 * `--token-env $CIRCLE_API_TOKEN`).
 */
export function possibleTokens(tokenEnvs: readonly string[], env: Env): string[] {
  const secrets: string[] = [];
  const add = (value: string | undefined) => {
    if (value) secrets.push(value, value.trim());
  };
  for (const name of [...TOKEN_VARIABLES, ...tokenEnvs.filter(isName)]) add(env[name]);
  for (const given of tokenEnvs) {
    if (isName(given) && env[given]) continue;
    if (!isName(given) || holderOf(given, env, 'CCI_CONDITIONAL_TOKEN_ENV')) add(given);
  }
  return secrets.filter((secret) => secret !== '');
}

/** The token from --token-env, else CIRCLE_API_TOKEN, else CIRCLE_TOKEN; checked, never shown. */
export function findToken(tokenEnv: string | undefined, env: Env): { name: string; value: string } {
  const names = tokenEnv ? [tokenEnv] : TOKEN_VARIABLES;
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value: checked(name, value) };
  }
  const holder = tokenEnv && holderOf(tokenEnv, env, 'CCI_CONDITIONAL_TOKEN_ENV');
  if (holder) {
    throw new UsageError(
      `--token-env was given the value of ${holder}, not a variable name: write --token-env ${holder}`,
    );
  }
  throw new UsageError(
    tokenEnv
      ? `no API token: ${tokenEnv} (named by --token-env) is not set or empty`
      : 'no API token: set CIRCLE_API_TOKEN (or CIRCLE_TOKEN) to a personal API token in the project or a context, or name another variable with --token-env',
  );
}

/** A token goes into a header: one word of visible ASCII. */
function checked(name: string, token: string): string {
  const bad = /[^\x21-\x7e]/.exec(token)?.[0];
  if (bad !== undefined) {
    const what = /[\r\n]/.test(bad)
      ? 'a line break'
      : /\s/.test(bad)
        ? 'a space'
        : 'a control or non-ASCII character';
    throw new UsageError(
      `the token in ${name} contains ${what}, which no API token has; set it to the token alone (value not shown)`,
    );
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(
      `the token in ${name} has ${token.length} characters, too few for a CircleCI API token (value not shown)`,
    );
  }
  return token;
}
