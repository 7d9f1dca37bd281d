/** One request to the fake CircleCI with Node's fetch, for the tests of the fake itself. */
import type { FakeCircleCI } from '../fake-circleci/server.js';

export const JSON_HEADERS = {
  'circle-token': 'test-token',
  'content-type': 'application/json',
  accept: 'application/json',
};

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `body` is the parsed JSON answer (undefined when not JSON). */
export async function call<T = { message?: string }>(
  fake: FakeCircleCI,
  method: string,
  path: string,
  { body, headers = JSON_HEADERS, signal }: CallOptions = {},
) {
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  if (signal) init.signal = signal;
  const response = await fetch(`${fake.url}${path}`, init);
  const text = await response.text();
  let parsed: T | undefined;
  try {
    parsed = JSON.parse(text) as T;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed as T };
}
