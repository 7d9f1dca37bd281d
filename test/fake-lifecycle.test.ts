/**
 * test/helpers/fake.ts: each test gets a fake of its own, and every fake a test started is closed
 * after it, so nothing one test triggered or queued reaches the next. The tests of a describe run
 * in order: the second of each pair looks at what the first left.
 */
import { describe, expect, it } from 'vitest';
import { useFake, useFakeStartedInTest, useFakes, withFake } from './helpers/fake.js';

/** Whether something still listens at `url`. */
async function listening(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/v2/me`, { headers: { 'circle-token': 'test-token' } });
    return true;
  } catch {
    return false;
  }
}

describe('useFake', () => {
  const fake = useFake({ token: 'secret-of-this-file' });
  let first = '';

  it('starts a fake before the test with the options given', async () => {
    first = fake.url;
    const answer = await fetch(`${fake.url}/api/v2/me`, {
      headers: { 'circle-token': 'secret-of-this-file' },
    });
    expect(answer.status).toBe(200);
    fake.addPipeline();
    expect(fake.pipelines).toHaveLength(1);
  });

  it('closes it after the test and starts a fresh one', async () => {
    expect(await listening(first)).toBe(false);
    expect(fake.url).not.toBe(first);
    expect(fake.pipelines).toEqual([]);
  });

  it('closes the running fake when the test starts another', async () => {
    const before = fake.url;
    await fake.start({ token: 'another' });
    expect(await listening(before)).toBe(false);
    expect(fake.url).not.toBe(before);
    expect(fake.requests).toEqual([]);
  });
});

describe('useFakeStartedInTest', () => {
  const fake = useFakeStartedInTest();
  let first = '';

  it('has no fake until the test starts one', async () => {
    expect(() => fake.url).toThrow(
      'no fake CircleCI runs in this test: start one with `await fake.start()`',
    );
    await fake.start();
    first = fake.url;
    expect(await listening(first)).toBe(true);
  });

  it('closes it after the test', async () => {
    expect(await listening(first)).toBe(false);
    expect(() => fake.requests).toThrow('no fake CircleCI runs in this test');
  });
});

describe('useFakes', () => {
  const start = useFakes();
  let urls: string[] = [];

  it('starts as many fakes as the test asks, side by side', async () => {
    const [a, b] = await Promise.all([start(), start({ token: 'b' })]);
    urls = [a?.url ?? '', b?.url ?? ''];
    expect(await Promise.all(urls.map(listening))).toEqual([true, true]);
  });

  it('closes all of them after the test', async () => {
    expect(await Promise.all(urls.map(listening))).toEqual([false, false]);
  });
});

describe('withFake', () => {
  it('closes its fake when the body ends, and when it throws', async () => {
    const url = await withFake({}, (fake) => fake.url);
    expect(await listening(url)).toBe(false);
    let thrown = '';
    const failing = withFake({}, (fake) => {
      thrown = fake.url;
      throw new Error('the body failed');
    });
    await expect(failing).rejects.toThrow('the body failed');
    expect(await listening(thrown)).toBe(false);
  });
});
