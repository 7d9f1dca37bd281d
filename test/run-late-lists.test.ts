/**
 * Exactly one pipeline or build after every kind of lost answer, against a fake CircleCI that
 * answers as CircleCI is documented to (ARCHITECTURE.md, "What CircleCI answers"): it lists
 * a new pipeline or build 25 s late (nothing shows how fast), shows compact slugs for `circleci/`
 * projects, leaves pipelines without `vcs` out of `?branch=`, encodes v1.1 branch names, runs
 * its clock 2 minutes behind the runner's (its `Date` header shows it), and may act on a request
 * after the client gave up on it, or answer a gateway's 524 after creating the pipeline.
 * The run sleeps on the same fake clock as the fake, so minutes of looking take no time.
 */
import { describe, expect, it } from 'vitest';
import type { FaultStep } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import {
  baseEnv,
  cliWith,
  APP_DEFINITION as DEFINITION,
  fakeClock,
  APP_ORG as ORG,
  APP_PROJECT as PROJECT,
  posts,
  runWith,
  SHA,
} from './helpers/run-harness.js';

const branchEnv = { CIRCLE_BRANCH: 'release/1.0' };
const tagEnv = { CIRCLE_BRANCH: '', CIRCLE_TAG: 'v1.2.3' };

/** One way of triggering, with the build it runs in and the POST it sends. */
const ways = [
  {
    name: 'a v2 pipeline on a branch',
    rules: { rules: [{ branches: ['release/**'], job: 'deploy' }] },
    env: branchEnv,
    post: '/api/v2/project/gh/acme/app/pipeline',
  },
  {
    name: 'a v2 pipeline on a tag',
    rules: { rules: [{ tags: ['v*'], job: 'deploy' }] },
    env: tagEnv,
    post: '/api/v2/project/gh/acme/app/pipeline',
  },
  {
    name: 'a pipeline/run of a GitHub App project',
    rules: { definitionId: DEFINITION, rules: [{ branches: ['release/**'], job: 'deploy' }] },
    env: {
      ...branchEnv,
      CIRCLE_REPOSITORY_URL: '',
      CIRCLE_ORGANIZATION_ID: ORG,
      CIRCLE_PROJECT_ID: PROJECT,
    },
    post: `/api/v2/project/circleci/${ORG}/${PROJECT}/pipeline/run`,
  },
  {
    name: 'a v1.1 build on a branch with a /',
    rules: { api: 'v1.1', rules: [{ branches: ['release/**'], job: 'deploy' }] },
    env: branchEnv,
    post: '/api/v1.1/project/github/acme/app/tree/release%2F1.0',
  },
  {
    name: 'a v1.1 build of a tag',
    rules: { api: 'v1.1', rules: [{ tags: ['v*'], job: 'deploy' }] },
    env: tagEnv,
    post: '/api/v1.1/project/github/acme/app',
  },
];

/** Each kind of lost answer: whether CircleCI created something, and when. */
const losses: Array<[string, FaultStep, boolean]> = [
  ['the connection drops after CircleCI created it', { resetAfterHandling: true }, true],
  ['no answer comes within --timeout', { hangAfterHandling: true }, true],
  ["a gateway's 524 comes after CircleCI created it", { statusAfterHandling: 524 }, true],
  ['CircleCI creates it 16 s after the client gave up', { hang: true, deferMs: 16_000 }, true],
  ['the connection drops before CircleCI acted', { reset: true }, false],
  ['a 503 comes before CircleCI acted', { status: 503 }, false],
];

const fake = useFakeStartedInTest();

async function hostileFake(clock: ReturnType<typeof fakeClock>) {
  await fake.start({
    clock: clock.now,
    clockOffsetMs: -120_000,
    listDelayMs: 25_000,
    heads: { 'release/1.0': SHA, 'v1.2.3': SHA },
  });
  return fake;
}

describe.each(ways)('$name whose answer is lost', (way) => {
  it.each(losses)('when %s: exactly one, sent once or twice', async (_, fault, created) => {
    const clock = fakeClock();
    await hostileFake(clock);
    fake.fault({ method: 'POST', path: way.post }, fault);
    const { result } = await runWith(fake, way.rules, {
      env: way.env,
      clock,
      options: { timeoutSeconds: 0.3 },
    });
    const made = way.rules.api === 'v1.1' ? fake.builds : fake.pipelines;
    expect(made).toHaveLength(1);
    expect(posts(fake)).toHaveLength(created ? 1 : 2);
    expect(result.decision).toBe('triggered');
    const answer = result.triggers[0]?.build?.number ?? result.triggers[0]?.pipeline?.id;
    const [one] = made as Array<{ build_num?: number; id?: string }>;
    expect(answer).toBe(one?.build_num ?? one?.id);
  });
});

describe('the looks after a lost answer', () => {
  const rules = ways[0]?.rules;
  const post = '/api/v2/project/gh/acme/app/pipeline';

  it('follow a re-send whose outcome is unknown too', async () => {
    const clock = fakeClock();
    await hostileFake(clock);
    fake.fault({ method: 'POST', path: post }, { reset: true }, { resetAfterHandling: true });
    const { result } = await runWith(fake, rules, { env: branchEnv, clock });
    expect(posts(fake)).toHaveLength(2);
    expect(fake.pipelines).toHaveLength(1);
    expect(result.triggers[0]?.pipeline?.id).toBe(fake.pipelines[0]?.id);
  });

  it('cover --timeout + 10 s after the send: an answer may come after the client gave up', async () => {
    const clock = fakeClock();
    await hostileFake(clock);
    // Listed 85 + 25 s after the send: after the 60 s look, before --timeout 100 + 10 s.
    fake.fault({ method: 'POST', path: post }, { reset: true, deferMs: 85_000 });
    const { result } = await runWith(fake, rules, {
      env: branchEnv,
      clock,
      options: { timeoutSeconds: 100 },
    });
    expect(posts(fake)).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(1);
    expect(result.decision).toBe('triggered');
    expect(clock.delays.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(110_000);
  });

  it('take up to a minute before anything is sent again, looking at 0, 3, 10, 30 and 60 s', async () => {
    const clock = fakeClock();
    await hostileFake(clock);
    fake.fault({ method: 'POST', path: post }, { reset: true });
    const { log } = await runWith(fake, rules, { env: branchEnv, clock });
    expect(clock.delays.slice(0, 4)).toEqual([3000, 7000, 20_000, 30_000]);
    expect(log).toContain('nothing this send created was listed within 60 s after it');
  });
});

describe('every 5xx is an unknown outcome', () => {
  it.each([520, 524, 501])('looks before sending again after a %i', async (status) => {
    const clock = fakeClock();
    await hostileFake(clock);
    fake.fault({ method: 'POST' }, { statusAfterHandling: status });
    const { result } = await runWith(fake, ways[0]?.rules, { env: branchEnv, clock });
    expect(posts(fake)).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(1);
    expect(result.decision).toBe('triggered');
  });

  it('never advises "try again" when nothing was listed after the last attempt', async () => {
    const clock = fakeClock();
    await hostileFake(clock);
    fake.fault({ method: 'POST' }, { status: 524 });
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--retries', '0'],
      { ...baseEnv, ...branchEnv },
      ways[0]?.rules,
      { sleep: clock.sleep, now: clock.now },
    );
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/try again/i);
    expect(stderr).toContain(
      'HTTP 524 (after 1 attempt): CircleCI may have started it although nothing was listed: check CircleCI for it before rerunning, to never trigger twice',
    );
  });
});

describe('a send that took its whole --timeout', () => {
  it('looks once for the times that passed meanwhile, then at the next one', async () => {
    const clock = fakeClock();
    await hostileFake(clock);
    const post = '/api/v2/project/gh/acme/app/pipeline';
    // The send itself takes 30 s of the fake clock (as a --timeout 30 would), creating nothing.
    fake.fault({ method: 'POST', path: post }, { reset: true });
    const slowClock = {
      ...clock,
      now: () => clock.now() + (posts(fake).length > 0 ? 30_000 : 0),
    };
    await runWith(fake, ways[0]?.rules, { env: branchEnv, clock: slowClock });
    const looks = fake.requests.filter((r) => r.path === `${post}/mine`);
    // At 30 s (for 0, 3, 10 and 30) and at 60 s; then the re-send needs no look.
    expect(looks).toHaveLength(2);
  });
});
