/**
 * The only way doctor reaches CircleCI: GET requests through the shared client (retried like
 * every read). There is no method here that could send anything else.
 */

import { ApiError } from '../base/errors.js';
import type { CircleCiClient } from '../circleci/circleci-client.js';

export interface ApiReader {
  get<T>(path: string): Promise<T>;
}

export function readerOf(client: CircleCiClient): ApiReader {
  return { get: <T>(path: string) => client.send<T>({ method: 'GET', path }) };
}

/** A read's result: its answer, or the API failure (other errors are bugs and propagate). */
export type Read<T> = { answer: T } | { failure: ApiError };

export async function tryRead<T>(reader: ApiReader, path: string): Promise<Read<T>> {
  try {
    return { answer: await reader.get<T>(path) };
  } catch (error) {
    if (error instanceof ApiError) return { failure: error };
    throw error;
  }
}

/** `HTTP 404 "Project not found"` out of the client's message, else the whole message. */
export function answerOf(failure: ApiError): string {
  return /HTTP \d{3}(?: "(?:[^"\\]|\\.)*")?/.exec(failure.message)?.[0] ?? failure.message;
}
