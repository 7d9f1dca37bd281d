import { describe, expect, it } from 'vitest';
import {
  type AttemptFailure,
  classify,
  parseRetryAfter,
  retryDelay,
  type Verdict,
} from '../../src/circleci/retry-policy.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

describe('classify', () => {
  it.each<[string, AttemptFailure, Verdict]>([
    ['429 throttled', { status: 429 }, 'no'],
    ['503 unavailable', { status: 503 }, 'unknown'],
    ['502 bad gateway', { status: 502 }, 'unknown'],
    ['504 gateway timeout', { status: 504 }, 'unknown'],
    ['500 internal error', { status: 500 }, 'unknown'],
    ["a gateway's 520 (the backend may have acted)", { status: 520 }, 'unknown'],
    ["a gateway's 524", { status: 524 }, 'unknown'],
    ['501 not implemented: any 5xx', { status: 501 }, 'unknown'],
    ['599, the last 5xx', { status: 599 }, 'unknown'],
    ['201 naming nothing started', { status: 201, noAnswer: true }, 'unknown'],
    ['400 bad request', { status: 400 }, 'final'],
    ['401 invalid token', { status: 401 }, 'final'],
    ['403 forbidden', { status: 403 }, 'final'],
    ['404 not found', { status: 404 }, 'final'],
    ['422 unprocessable', { status: 422 }, 'final'],
    [
      'a status even with a network code',
      { status: 404, errorCode: 'ECONNRESET', bodySent: true },
      'final',
    ],
    ['ECONNREFUSED', { errorCode: 'ECONNREFUSED' }, 'no'],
    ['ENOTFOUND', { errorCode: 'ENOTFOUND' }, 'no'],
    ['EAI_AGAIN', { errorCode: 'EAI_AGAIN' }, 'no'],
    ['ENETUNREACH', { errorCode: 'ENETUNREACH' }, 'no'],
    ['EHOSTUNREACH', { errorCode: 'EHOSTUNREACH' }, 'no'],
    ['ECONNREFUSED even if marked sent', { errorCode: 'ECONNREFUSED', bodySent: true }, 'no'],
    ['ETIMEDOUT after the body was sent', { errorCode: 'ETIMEDOUT', bodySent: true }, 'unknown'],
    ['ECONNRESET after the body was sent', { errorCode: 'ECONNRESET', bodySent: true }, 'unknown'],
    ['ETIMEDOUT before the body was sent', { errorCode: 'ETIMEDOUT', bodySent: false }, 'no'],
    ['ECONNRESET before the body was sent', { errorCode: 'ECONNRESET' }, 'no'],
    ['an unknown failure after sending', { bodySent: true }, 'unknown'],
    ['an unknown failure before sending', {}, 'no'],
  ])('classifies %s as %s', (_, failure, verdict) => {
    expect(classify(failure)).toBe(verdict);
  });
});

describe('retryDelay', () => {
  it.each([
    [0, 0, 500],
    [0, 0.5, 750],
    [0, 1, 1000],
    [1, 0, 1000],
    [1, 1, 2000],
    [2, 0.5, 3000],
    [3, 1, 8000],
    [4, 1, 16_000],
    [5, 0, 15_000],
    [5, 1, 30_000],
    [20, 1, 30_000],
  ])('waits, after attempt %i with random %d, %i ms', (attempt, random, delay) => {
    expect(retryDelay(attempt, { status: 503 }, () => random, NOW)).toBe(delay);
  });

  it.each([
    ['seconds', '5', 5000],
    ['zero seconds', '0', 0],
    ['fractional seconds', '1.5', 1500],
    ['seconds with spaces', ' 7 ', 7000],
    ['seconds over the cap', '3600', 60_000],
    ['an HTTP date 10 s ahead', 'Wed, 21 Oct 2026 07:28:10 GMT', 10_000],
    ['an HTTP date in the past', 'Wed, 21 Oct 2026 07:00:00 GMT', 0],
    ['an HTTP date an hour ahead', 'Wed, 21 Oct 2026 08:28:00 GMT', 60_000],
  ])('honours Retry-After as %s', (_, retryAfter, delay) => {
    expect(retryDelay(3, { status: 429, retryAfter }, () => 1, NOW)).toBe(delay);
  });

  it('falls back to the backoff when Retry-After is unreadable', () => {
    expect(retryDelay(1, { status: 429, retryAfter: 'soon' }, () => 0, NOW)).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['Wed, 21 Oct 2026 07:29:00 GMT', 60_000],
    ['later', undefined],
    ['', undefined],
  ])('reads %j as %s ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });
});
