/**
 * Checks of option values that yargs leaves to us, each with a one-line message that names the
 * bad value. Pure.
 */
import { UsageError } from './errors.js';

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** An API origin: https, or http only on loopback so a token never travels in clear text. */
export function parseHost(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--host ${JSON.stringify(value)} is not a URL (like https://circleci.com)`,
    );
  }
  // Credentials in the URL are never echoed: they may be the token itself.
  const shown =
    url.username || url.password
      ? `${url.protocol}//***@${url.host}${url.pathname}${url.search}${url.hash}`
      : value;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--host ${shown}: only https:// (or http:// on loopback) is supported`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new UsageError(
      `--host ${shown}: http:// is refused for ${url.hostname}, the token would travel in clear text; use https://`,
    );
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new UsageError(
      `--host ${shown}: give the origin only, like https://circleci.example.com`,
    );
  }
  return url.origin;
}

export function parseCount(name: string, value: string, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > max) {
    throw new UsageError(
      `--${name} ${JSON.stringify(value)} is not a whole number from 0 to ${max}`,
    );
  }
  return Number(value);
}

export function parseSeconds(name: string, value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not a positive number of seconds`);
  }
  return seconds;
}

export function parseChoice<T extends string>(
  name: string,
  value: string,
  choices: readonly T[],
): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not one of ${choices.join(', ')}`);
  }
  return value as T;
}

export function parseEnvName(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not an environment variable name`);
  }
  return value;
}
