/**
 * Runs `run()` and `main()` in-process against the fake CircleCI with a fake clock: `sleep`
 * records each delay and moves `now` on, so minutes of polling take no time.
 */
import { readFileSync } from 'node:fs';
import { type CliIo, main } from '../../src/cli/cli.js';
import { createLogger } from '../../src/cli/logger.js';
import { DEFAULT_CONFIG_PATH } from '../../src/config-check/checked-rules.js';
import type { RunResult } from '../../src/core/run-result.js';
import { type RunOptions, run } from '../../src/run/run.js';
import type { FakeCircleCI } from '../fake-circleci/server.js';

export const TOKEN = 'test-token';
export const SHA = '0123456789abcdef0123456789abcdef01234567';
export const OTHER_SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };
/** What every request sends as its User-Agent (main() passes the package's version). */
export const USER_AGENT = `cci-conditional/${version}`;

/** A branch build of gh/acme/app on one container, as CircleCI sets it up. */
export const baseEnv: Record<string, string> = {
  CIRCLECI: 'true',
  CIRCLE_BRANCH: 'main',
  CIRCLE_SHA1: SHA,
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'app',
  CIRCLE_REPOSITORY_URL: 'git@github.com:acme/app.git',
  CIRCLE_BUILD_NUM: '41',
  CIRCLE_JOB: 'build',
  CIRCLE_API_TOKEN: TOKEN,
};
export const tagEnv = { CIRCLE_BRANCH: '', CIRCLE_TAG: 'v1.2.3' };

/** A GitHub App project: CircleCI names it by ids, in its jobs' variables and its slugs. */
export const APP_ORG = 'b1f4c2d0-8a3e-4f57-9c1a-2e6d7f8a9b0c';
export const APP_PROJECT = 'c2a5d3e1-9b4f-4a68-8d2b-3f7e8a9b0c1d';
export const APP_SLUG = `circleci/${APP_ORG}/${APP_PROJECT}`;
export const APP_DEFINITION = 'd3b6e4f2-ac50-4b79-9e3c-4a8f9b0c1d2e';
/** A job of that project: its ids, and no CIRCLE_REPOSITORY_URL. */
export const appEnv: Record<string, string> = {
  ...baseEnv,
  CIRCLE_REPOSITORY_URL: '',
  CIRCLE_ORGANIZATION_ID: APP_ORG,
  CIRCLE_PROJECT_ID: APP_PROJECT,
};

export interface FakeClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** every delay asked for, in order */
  delays: number[];
}

/** Starts at the real time: lookups compare it with the fake's `created_at` stamps. */
export function fakeClock(): FakeClock {
  let time = Date.now();
  const delays: number[] = [];
  return {
    now: () => time,
    sleep: async (ms) => {
      delays.push(ms);
      time += ms;
    },
    delays,
  };
}

export interface Ran {
  result: RunResult;
  /** the text log, debug level included */
  log: string;
  clock: FakeClock;
}

/**
 * `run()` with `rules` as the rules file's content; `env` and `options` override the defaults.
 * Pass the `clock` the fake was started with when its times must move with the run's sleeps.
 */
export async function runWith(
  fake: FakeCircleCI,
  rules: unknown,
  overrides: {
    env?: Record<string, string>;
    options?: Partial<RunOptions>;
    clock?: FakeClock;
  } = {},
): Promise<Ran> {
  const lines: string[] = [];
  const clock = overrides.clock ?? fakeClock();
  const result = await run(
    {
      rules: 'deploy-rules.json',
      dryRun: false,
      host: fake.url,
      tokenEnv: undefined,
      node: 0,
      timeoutSeconds: 5,
      retries: 3,
      ...overrides.options,
    },
    {
      env: { ...baseEnv, ...overrides.env },
      readFile: async () => JSON.stringify(rules),
      logger: createLogger('debug', 'text', { write: (text) => lines.push(text) }),
      sleep: clock.sleep,
      now: clock.now,
      random: () => 0.5,
    },
  );
  return { result, log: lines.join(''), clock };
}

export interface CliRan {
  code: number;
  stdout: string;
  stderr: string;
}

/** `main()` with what it prints kept; `io` gives the rest (how files are read, at least). */
export async function mainWith(
  argv: string[],
  env: Record<string, string>,
  io: Omit<CliIo, 'stdout' | 'stderr'>,
): Promise<CliRan> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, {
    ...io,
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/**
 * `main()` with the rules file's content given, in a checkout without .circleci/config.yml (no
 * config check); pass `--host` yourself when something is sent.
 */
export async function cliWith(
  argv: string[],
  env: Record<string, string>,
  rules: unknown,
  io: Partial<CliIo> = {},
): Promise<CliRan> {
  const clock = fakeClock();
  return mainWith(argv, env, {
    readFile: async (path) => {
      if (path !== DEFAULT_CONFIG_PATH) return JSON.stringify(rules);
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    sleep: clock.sleep,
    now: clock.now,
    // doctor outside CircleCI reads the clone's origin: none unless a test gives one
    readOriginUrl: async () => undefined,
    ...io,
  });
}

/** The requests of one method whose decoded path starts with `prefix`. */
/** Every POST the fake received. */
export function posts(fake: FakeCircleCI) {
  return fake.requests.filter((r) => r.method === 'POST');
}

export function sent(fake: FakeCircleCI, method: string, prefix: string) {
  return fake.requests.filter((r) => r.method === method && r.decodedPath.startsWith(prefix));
}
