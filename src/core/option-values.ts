/**
 * Checks of option values that yargs leaves to us, each with a one-line message that names the
 * bad value under the name it came from: `--timeout` or `CCI_CONDITIONAL_TIMEOUT`. Pure.
 */
import { UsageError } from '../base/errors.js';

/** `--host x` or `CCI_CONDITIONAL_HOST=x`, as the user wrote it. */
export function labelled(origin: string, text: string): string {
  return origin.startsWith('-') ? `${origin} ${text}` : `${origin}=${text}`;
}

/** `--timeout "soon"` or `CCI_CONDITIONAL_TIMEOUT="soon"`. */
export function shown(origin: string, value: string): string {
  return labelled(origin, JSON.stringify(value));
}

/** Node timers hold at most 2^31-1 ms (about 24.8 days); a longer one fires after 1 ms. */
export const MAX_SECONDS = { timeout: 3600, 'wait-timeout': 6 * 3600 } as const;

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** An API origin: https, or http only on loopback so a token never travels in clear text. */
export function parseHost(value: string, origin = '--host'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${shown(origin, withoutSecrets(value))} is not a URL (like https://circleci.com)`,
    );
  }
  // User info, a query and a fragment are never echoed: they may hold the token itself.
  const safe =
    url.username || url.password || url.search || url.hash
      ? `${url.protocol}//${url.username || url.password ? '***@' : ''}${url.host}${url.pathname}${url.search ? '?***' : ''}${url.hash ? '#***' : ''}`
      : value;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(
      `${labelled(origin, safe)}: only https:// (or http:// on loopback) is supported`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new UsageError(
      `${labelled(origin, safe)}: http:// is refused for ${url.hostname}, the token would travel in clear text; use https://`,
    );
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new UsageError(
      `${labelled(origin, safe)}: give the origin only, like https://circleci.example.com`,
    );
  }
  return url.origin;
}

/** A value that is no URL, shown without what could be user info, a query or a fragment. */
function withoutSecrets(value: string): string {
  const end = value.search(/[?#]/);
  const head = end < 0 ? value : `${value.slice(0, end)}${value[end]}***`;
  return head.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/*)[^/?#]*@/i, '$1***@');
}

export function parseCount(origin: string, value: string, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > max) {
    throw new UsageError(`${shown(origin, value)} is not a whole number from 0 to ${max}`);
  }
  return Number(value);
}

export function parseSeconds(origin: string, value: string, max: number): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`${shown(origin, value)} is not a positive number of seconds`);
  }
  if (seconds > max) {
    throw new UsageError(`${shown(origin, value)} is more than ${max} seconds, the upper bound`);
  }
  return seconds;
}

export function parseChoice<T extends string>(
  origin: string,
  value: string,
  choices: readonly T[],
): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${shown(origin, value)} is not one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** The value is never shown: `--token-env $CIRCLE_API_TOKEN` hands over the token itself. */
export function parseEnvName(origin: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new UsageError(
      `${origin} takes the name of a variable, like DEPLOY_TOKEN; the value given is not one (not shown: it may be the token itself)`,
    );
  }
  return value;
}

/**
 * A commit given by its full SHA: what `git rev-parse` prints and what a fetch can ask for by
 * name (an abbreviation may be ambiguous, or missing from a shallow checkout). Lower-cased.
 */
export function parseCommit(origin: string, value: string): { sha: string; origin: string } {
  if (!/^[0-9a-f]{40}$/i.test(value)) {
    throw new UsageError(
      `${shown(origin, value)} is not a commit SHA (40 hex digits; \`git rev-parse <commit>\` prints one)`,
    );
  }
  return { sha: value.toLowerCase(), origin };
}
