/**
 * The fake CircleCI's life in a test file: each test gets its own fresh fake (nothing one test
 * triggered or queued reaches the next) and every fake a test started is closed after it, hung
 * sockets included. Call these at the top of a file or of a `describe`, as with `beforeEach`.
 */
import { afterEach, beforeEach } from 'vitest';
import { type FakeCircleCI, startFakeCircleCI } from '../fake-circleci/server.js';
import type { FakeOptions } from '../fake-circleci/types.js';

/** The fake of the running test; `fake.url`, `fake.requests`, ... read the one running now. */
export interface TestFake extends FakeCircleCI {
  /** Closes the test's fake, if one runs, and starts one with exactly `options`. */
  start(options?: FakeOptions): Promise<FakeCircleCI>;
}

/** A fake started with `options` before each test and closed after it. */
export function useFake(options: FakeOptions = {}): TestFake {
  const fake = useFakeStartedInTest();
  beforeEach(async () => {
    await fake.start(options);
  });
  return fake;
}

/** A fake that each test starts itself with `await fake.start(options)`; closed after it. */
export function useFakeStartedInTest(): TestFake {
  let running: FakeCircleCI | undefined;
  const current = (): FakeCircleCI => {
    if (running) return running;
    throw new Error('no fake CircleCI runs in this test: start one with `await fake.start()`');
  };
  const close = async () => {
    const closing = running;
    running = undefined;
    await closing?.close();
  };
  afterEach(close);
  return {
    start: async (options = {}) => {
      await close();
      running = await startFakeCircleCI(options);
      return running;
    },
    close,
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    get builds() {
      return current().builds;
    },
    get pipelines() {
      return current().pipelines;
    },
    get workflows() {
      return current().workflows;
    },
    get jobs() {
      return current().jobs;
    },
    fault: (...args) => current().fault(...args),
    setHead: (...args) => current().setHead(...args),
    addPipeline: (...args) => current().addPipeline(...args),
    addBuild: (...args) => current().addBuild(...args),
    addWorkflow: (...args) => current().addWorkflow(...args),
    addJob: (...args) => current().addJob(...args),
  };
}

/**
 * For the tests of the fake itself, which compare fakes started with different options in one
 * test: `start(options)` starts one more; all of them are closed after the test.
 */
export function useFakes(): (options?: FakeOptions) => Promise<FakeCircleCI> {
  const started: FakeCircleCI[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((fake) => fake.close()));
  });
  return async (options = {}) => {
    const fake = await startFakeCircleCI(options);
    started.push(fake);
    return fake;
  };
}

/** Runs `body` with a fake of its own (beside the test's, if any) and closes it afterwards. */
export async function withFake<T>(
  options: FakeOptions,
  body: (fake: FakeCircleCI) => Promise<T> | T,
): Promise<T> {
  const fake = await startFakeCircleCI(options);
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}
