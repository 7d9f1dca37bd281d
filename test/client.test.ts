/**
 * The CircleCI client against the fake CircleCI server on 127.0.0.1: real got, real sockets.
 * `sleep` resolves at once and records the delays; `random` is fixed, so the backoff is exact.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientOptions, createClient } from '../src/circleci/circleci-client.js';
import type { ApiRequest } from '../src/circleci/plan-actions.js';
import { createLogger } from '../src/cli/logger.js';
import { useFake, withFake } from './helpers/fake.js';

const TOKEN = 'test-token';
const TRIGGER_PATH = '/api/v2/project/gh/acme/app/pipeline';
const trigger: ApiRequest = {
  method: 'POST',
  path: TRIGGER_PATH,
  body: { branch: 'main', parameters: { target_job: 'deploy', target_sha: 'a'.repeat(40) } },
};
const V1_PATH = '/api/v1.1/project/github/acme/app/tree/feature%2Fx';
const v1Trigger: ApiRequest = {
  method: 'POST',
  path: V1_PATH,
  body: { revision: 'b'.repeat(40), build_parameters: { CIRCLE_JOB: 'deploy' } },
};

const fake = useFake({ token: TOKEN });
let delays: number[];
let logs: string[];

beforeEach(() => {
  delays = [];
  logs = [];
});

function client(overrides: Partial<ClientOptions> = {}) {
  return createClient({
    host: fake.url,
    token: TOKEN,
    tokenEnv: 'CIRCLE_API_TOKEN',
    timeoutMs: 5000,
    retries: 3,
    userAgent: 'cci-conditional/9.9.9',
    logger: createLogger('info', 'text', { write: (line: string) => logs.push(line) }),
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

/** GET of an existing pipeline: reads are retried freely. */
function readOf(id: string): ApiRequest {
  return { method: 'GET', path: `/api/v2/pipeline/${id}` };
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the request to fail');
}

describe('what the client sends', () => {
  it('sends the token in Circle-Token, JSON content type and accept headers, and never in the URL', async () => {
    await client().send(trigger);
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.rawUrl).toBe(TRIGGER_PATH);
    expect(sent?.rawUrl).not.toContain(TOKEN);
    expect(sent?.headers['circle-token']).toBe(TOKEN);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers.accept).toBe('application/json');
    expect(sent?.headers.authorization).toBeUndefined();
  });

  it('sends the body as JSON text', async () => {
    await client().send(trigger);
    expect(JSON.parse(fake.requests[0]?.rawBody ?? '')).toEqual(trigger.body);
  });

  it('keeps a URL-encoded branch as one path segment', async () => {
    await client().send(v1Trigger);
    expect(fake.requests[0]?.path).toBe(V1_PATH);
    expect(fake.builds[0]?.branch).toBe('feature/x');
  });
});

describe('success', () => {
  it('returns the 201 answer of a v2 trigger', async () => {
    const answer = await client().send<{ id: string; number: number; state: string }>(trigger);
    expect(answer).toEqual({
      id: fake.pipelines[0]?.id,
      number: 1,
      state: 'setup-pending',
      created_at: fake.pipelines[0]?.created_at,
    });
  });

  it.each([200, 201])('returns the build of a v1.1 trigger answered with %i', async (status) => {
    await fake.start({ token: TOKEN, v11Status: status });
    const build = await client().send<{ build_num: number; build_url: string }>(v1Trigger);
    expect(build.build_num).toBe(100);
    expect(build.build_url).toBe(`${fake.url}/gh/acme/app/100`);
    expect(delays).toEqual([]);
  });
});

describe('retries', () => {
  it('waits as long as Retry-After says after a 429, then sends the POST again', async () => {
    fake.fault({ method: 'POST' }, { status: 429, headers: { 'retry-after': '7' } });
    const answer = await client().send<{ number: number }>(trigger);
    expect(answer.number).toBe(1);
    expect(delays).toEqual([7000]);
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(fake.pipelines).toHaveLength(1);
    expect(logs).toEqual([
      // CircleCI's 429 can be plain text (ARCHITECTURE.md, "What CircleCI answers").
      `warning: POST ${TRIGGER_PATH}: HTTP 429 "Rate limited."; retrying in 7.0 s\n`,
    ]);
  });

  it('caps a long Retry-After at 60 seconds', async () => {
    fake.fault({ method: 'POST' }, { status: 429, headers: { 'retry-after': '3600' } });
    await client().send(trigger);
    expect(delays).toEqual([60_000]);
  });

  it('backs off 1 s, 2 s, 4 s with jitter after a 429 without Retry-After', async () => {
    fake.fault({ method: 'POST' }, { status: 429 }, { status: 429 }, { status: 429 });
    await client().send(trigger);
    // random() = 0.5: half of the ceiling plus a quarter of it
    expect(delays).toEqual([750, 1500, 3000]);
    expect(fake.pipelines).toHaveLength(1);
  });

  it.each([500, 503])(
    'looks a POST answered %i up before sending it again: it may come from behind the API',
    async (status) => {
      fake.fault({ method: 'POST' }, { status });
      let lookups = 0;
      await client().send(trigger, {
        findExisting: async () => {
          lookups++;
          return undefined;
        },
      });
      expect(lookups).toBe(1);
      expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
      expect(fake.pipelines).toHaveLength(1);
    },
  );

  it.each([500, 502, 503, 504])('retries a read answered %i', async (status) => {
    const pipeline = fake.addPipeline();
    fake.fault({ method: 'GET' }, { status });
    const answer = await client().send<{ id: string }>(readOf(pipeline.id));
    expect(answer.id).toBe(pipeline.id);
    expect(fake.requests).toHaveLength(2);
    expect(delays).toEqual([750]);
  });

  it('retries a read whose connection was reset before an answer', async () => {
    const pipeline = fake.addPipeline();
    fake.fault({ method: 'GET' }, { reset: true });
    const answer = await client().send<{ id: string }>(readOf(pipeline.id));
    expect(answer.id).toBe(pipeline.id);
    expect(fake.requests).toHaveLength(2);
    expect(logs[0]).toBe(
      `warning: GET /api/v2/pipeline/${pipeline.id}: network error ECONNRESET; retrying in 0.8 s\n`,
    );
  });

  it('retries a read that got no answer within the timeout', async () => {
    const pipeline = fake.addPipeline();
    fake.fault({ method: 'GET' }, { hang: true });
    const answer = await client({ timeoutMs: 200 }).send<{ id: string }>(readOf(pipeline.id));
    expect(answer.id).toBe(pipeline.id);
    expect(fake.requests).toHaveLength(2);
    expect(logs[0]).toBe(
      `warning: GET /api/v2/pipeline/${pipeline.id}: no answer within 0.2 s; retrying in 0.8 s\n`,
    );
  });

  it('makes at most --retries extra attempts, then reports the last failure', async () => {
    fake.fault({ method: 'POST' }, ...Array.from({ length: 5 }, () => ({ status: 429 })));
    const message = await failureOf(client({ retries: 2 }).send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: HTTP 429 "Rate limited." (after 3 attempts): CircleCI kept throttling the requests; try again later or raise --retries`,
    );
    expect(fake.requests).toHaveLength(3);
    expect(delays).toEqual([750, 1500]);
  });

  it('sends once and stops when --retries is 0', async () => {
    fake.fault({ method: 'POST' }, { status: 429 }, { status: 429 });
    const message = await failureOf(client({ retries: 0 }).send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: HTTP 429 "Rate limited." (after 1 attempt): CircleCI kept throttling the requests; try again later or raise --retries`,
    );
    expect(fake.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('reports a host that refuses connections after the retries, repeating the POST', async () => {
    const url = await withFake({}, (gone) => gone.url);
    const message = await failureOf(client({ host: url, retries: 1 }).send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: network error ECONNREFUSED (after 2 attempts): CircleCI could not be reached at ${url}; check the network or --host, --timeout and --retries`,
    );
    expect(delays).toEqual([750]);
  });
});

describe('final answers', () => {
  const hint404 =
    'the project does not exist or the token in CIRCLE_API_TOKEN cannot see it; API v2 needs a personal API token (project tokens get 404)';

  it('reports a 401 with the API message and the token hint, without retrying', async () => {
    const message = await failureOf(client({ token: 'wrong-token' }).send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: HTTP 401 "Invalid token provided.": the API token in CIRCLE_API_TOKEN is invalid, revoked or expired (personal API tokens now expire, at most a year after creation); create a new personal API token (User Settings → Personal API Tokens)`,
    );
    expect(fake.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('names the --token-env variable in the 401 hint', async () => {
    const message = await failureOf(
      client({ token: 'wrong-token', tokenEnv: 'MY_TOKEN' }).send(trigger),
    );
    expect(message).toContain('the API token in MY_TOKEN is invalid, revoked or expired');
  });

  it('reports a 403 with the API message and the project hint', async () => {
    fake.fault({ method: 'POST' }, { status: 403, body: { message: 'Permission denied' } });
    const message = await failureOf(client().send(trigger));
    expect(message).toBe(`POST ${TRIGGER_PATH}: HTTP 403 "Permission denied": ${hint404}`);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a 404 for an unknown project with the project hint', async () => {
    await fake.start({ token: TOKEN, projects: ['gh/acme/other'] });
    const message = await failureOf(client().send(trigger));
    expect(message).toBe(`POST ${TRIGGER_PATH}: HTTP 404 "Project not found": ${hint404}`);
    expect(fake.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('reports a 400 with the API message and the branch and parameters hint', async () => {
    const bad: ApiRequest = { ...trigger, body: { branch: 'main', tag: 'v1.0.0' } };
    const message = await failureOf(client().send(bad));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: HTTP 400 "Only one of branch or tag may be specified.": CircleCI refused the request: check that the branch or tag exists and the parameters are declared in the target config`,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('does not repeat a POST answered 500 without a lookup: the pipeline may exist', async () => {
    fake.fault({ method: 'POST' }, { status: 500 }, { status: 500 });
    const message = await failureOf(client().send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: HTTP 500 "Internal Server Error", so CircleCI may have acted on it; not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
    expect(fake.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('does not follow a redirect, so the token never reaches another host', async () => {
    await withFake({ token: TOKEN }, async (elsewhere) => {
      fake.fault(
        { method: 'POST' },
        { status: 302, headers: { location: `${elsewhere.url}${TRIGGER_PATH}` } },
      );
      const message = await failureOf(client().send(trigger));
      expect(message).toBe(
        `POST ${TRIGGER_PATH}: HTTP 302 "Found": unexpected redirect: is --host ${fake.url} the API origin?`,
      );
      expect(elsewhere.requests).toEqual([]);
      expect(fake.requests).toHaveLength(1);
    });
  });
});

describe('a POST whose outcome is unknown', () => {
  it.each([
    [
      'the connection is reset after CircleCI handled it',
      { resetAfterHandling: true as const },
      'network error ECONNRESET',
    ],
    ['a gateway answers 504', { status: 504 }, 'HTTP 504 "Gateway Timeout"'],
    ['a gateway answers 502', { status: 502 }, 'HTTP 502 "Bad Gateway"'],
  ])('is not repeated without findExisting when %s', async (_, fault, what) => {
    fake.fault({ method: 'POST' }, fault);
    const message = await failureOf(client().send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: ${what}, so CircleCI may have acted on it; not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
    expect(fake.requests).toHaveLength(1);
    // Nothing was retried, so nothing may say it will be.
    expect(logs.filter((line) => line.includes('retrying'))).toEqual([]);
  });

  it('is not repeated when it timed out without findExisting', async () => {
    fake.fault({ method: 'POST' }, { hangAfterHandling: true });
    const message = await failureOf(client({ timeoutMs: 200 }).send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: no answer within 0.2 s, so CircleCI may have acted on it; not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
    expect(fake.requests).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(1);
  });

  it('is repeated once findExisting finds nothing', async () => {
    fake.fault({ method: 'POST' }, { status: 504 });
    let lookups = 0;
    const answer = await client().send<{ number: number }>(trigger, {
      findExisting: async () => {
        lookups++;
        return undefined;
      },
    });
    expect(lookups).toBe(1);
    expect(answer.number).toBe(1);
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(fake.pipelines).toHaveLength(1);
    expect(logs).toContain(
      `POST ${TRIGGER_PATH}: HTTP 504 "Gateway Timeout", so CircleCI may have acted on it: nothing it created was listed, sending it again\n`,
    );
  });

  it('takes what findExisting returns instead of sending again', async () => {
    fake.fault({ method: 'POST' }, { resetAfterHandling: true });
    const answer = await client().send(trigger, {
      findExisting: async () => ({ id: fake.pipelines[0]?.id, number: fake.pipelines[0]?.number }),
    });
    expect(answer).toEqual({ id: fake.pipelines[0]?.id, number: 1 });
    expect(fake.requests).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(1);
    expect(logs).toContain(
      `POST ${TRIGGER_PATH}: network error ECONNRESET, so CircleCI may have acted on it: it did, using what it created\n`,
    );
  });

  it('is not repeated when findExisting fails', async () => {
    fake.fault({ method: 'POST' }, { resetAfterHandling: true });
    const message = await failureOf(
      client().send(trigger, {
        findExisting: async () => {
          throw new Error('HTTP 500 on the lookup');
        },
      }),
    );
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: network error ECONNRESET, so CircleCI may have acted on it, and looking that up failed (HTTP 500 on the lookup); not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('warns that CircleCI may have acted on it when no retry is left', async () => {
    fake.fault({ method: 'POST' }, { status: 504 });
    const message = await failureOf(client({ retries: 0 }).send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: HTTP 504 "Gateway Timeout", so CircleCI may have acted on it; not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
  });
});

describe('an answer that is not JSON', () => {
  let html: Server;
  let htmlUrl: string;
  let hits: number;
  beforeEach(async () => {
    hits = 0;
    html = createServer((_request, response) => {
      hits++;
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Sign in</body></html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => html.close(resolve));
  });

  it('is an error for a read, even with a 2xx status', async () => {
    const message = await failureOf(
      client({ host: htmlUrl, retries: 0 }).send(readOf('0f4d3c4e-3b7e-4a55-9d3e-9a3c8c1e1b2a')),
    );
    expect(message).toBe(
      'GET /api/v2/pipeline/0f4d3c4e-3b7e-4a55-9d3e-9a3c8c1e1b2a: the answer was not JSON (is --host the CircleCI API?) (after 1 attempt): CircleCI had a server error; try again later',
    );
  });

  it('is an error for a trigger, which is not repeated', async () => {
    const message = await failureOf(client({ host: htmlUrl }).send(trigger));
    expect(message).toBe(
      `POST ${TRIGGER_PATH}: the answer was not JSON (is --host the CircleCI API?), so CircleCI may have acted on it; not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
    expect(hits).toBe(1);
  });
});

describe('what every request and answer carries', () => {
  it('names the tool in User-Agent on every request', async () => {
    const pipeline = fake.addPipeline();
    await client().send(readOf(pipeline.id));
    await client().send(trigger);
    expect(fake.requests.map((r) => r.headers['user-agent'])).toEqual([
      'cci-conditional/9.9.9',
      'cci-conditional/9.9.9',
    ]);
  });

  it('says that v1.1 takes project tokens in its 404 hint', async () => {
    fake.fault({ method: 'POST' }, { status: 404, body: { message: 'Project not found' } });
    const message = await failureOf(client().send(v1Trigger));
    expect(message).toBe(
      `POST ${V1_PATH}: HTTP 404 "Project not found": the project does not exist or the token in CIRCLE_API_TOKEN cannot see it; API v1.1 takes a personal API token or a project API token of that project`,
    );
  });

  it('hints at moving to API v2 when the v1.1 trigger is gone (410)', async () => {
    await fake.start({ token: TOKEN, v11TriggersGone: true });
    const message = await failureOf(client().send(v1Trigger));
    expect(message).toBe(
      `POST ${V1_PATH}: HTTP 410 "This endpoint has been removed. Use the v2 pipeline API.": CircleCI removed the API v1.1 trigger on 2027-02-01: move the rule to API v2 ("api": "v2" with declared pipeline parameters, or "definitionId" for pipeline/run; see "Moving from API v1.1 to v2" in the README)`,
    );
    expect(fake.builds).toHaveLength(0);
  });

  it('warns once per run when v1.1 answers with Deprecation and Sunset, quoting the date', async () => {
    const once = client();
    await once.send(v1Trigger);
    await once.send(v1Trigger);
    const warnings = logs.filter((line) => line.includes('deprecated'));
    expect(warnings).toEqual([
      'warning: CircleCI marks the API v1.1 trigger as deprecated (sunset Mon, 01 Feb 2027 00:00:00 GMT); after that it answers 410 Gone: move these rules to API v2 (see "Moving from API v1.1 to v2" in the README)\n',
    ]);
  });

  it('returns a 2xx that carries only a message, for the caller to quote', async () => {
    await fake.start({ token: TOKEN, ciSkip: true });
    const run: ApiRequest = {
      method: 'POST',
      path: '/api/v2/project/circleci/o/p/pipeline/run',
      body: { definition_id: '2338d0ae-5541-4bbf-88a2-55e9f7281f80', config: { branch: 'main' } },
    };
    const answer = await client().send(run, { isAnswer: () => false });
    expect(answer).toEqual({ message: 'Ignoring pipeline due to CI skip in the commit' });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('an answer without a build or pipeline and without a message', () => {
  let server: Server;
  let url: string;
  let hits: number;
  beforeEach(async () => {
    hits = 0;
    server = createServer((_request, response) => {
      hits++;
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(hits === 1 ? '{}' : '{"id":"6e0bb4f5-6d0e-4c59-9f8b-3c0b38f7c1e9","number":2}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('is a lost answer: looked up, and sent again only when nothing was created', async () => {
    let lookups = 0;
    const answer = await client({ host: url }).send(trigger, {
      isAnswer: (body) => typeof (body as { id?: unknown })?.id === 'string',
      findExisting: async () => {
        lookups++;
        return undefined;
      },
    });
    expect(lookups).toBe(1);
    expect(hits).toBe(2);
    expect(answer).toMatchObject({ number: 2 });
    expect(logs).toContain(
      `POST ${TRIGGER_PATH}: HTTP 201 without a build or pipeline in the answer, so CircleCI may have acted on it: nothing it created was listed, sending it again\n`,
    );
  });
});

describe('an oversized answer', () => {
  let big: Server;
  let bigUrl: string;
  beforeEach(async () => {
    big = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = `"${'x'.repeat(1024 * 1024 - 2)}",`;
      response.write('[');
      for (let i = 0; i < 11; i++) response.write(chunk);
      response.end('0]');
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    bigUrl = `http://127.0.0.1:${(big.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => big.close(resolve));
  });

  it('is a failed request beyond 10 MiB', async () => {
    const message = await failureOf(
      client({ host: bigUrl, retries: 0 }).send(readOf('0f4d3c4e-3b7e-4a55-9d3e-9a3c8c1e1b2a')),
    );
    expect(message).toBe(
      'GET /api/v2/pipeline/0f4d3c4e-3b7e-4a55-9d3e-9a3c8c1e1b2a: the answer was larger than 10 MiB (after 1 attempt): CircleCI could not be reached at ' +
        `${bigUrl}; check the network or --host, --timeout and --retries`,
    );
  });
});

describe('a lost answer on the last attempt', () => {
  it('is looked up, and reported as failed without sending again when nothing was created', async () => {
    fake.fault({ method: 'POST' }, { status: 502 });
    const message = await failureOf(
      client({ retries: 0 }).send(trigger, { findExisting: async () => undefined }),
    );
    expect(message).toBe(
      // A pipeline may exist although nothing was listed: no "try again".
      `POST ${TRIGGER_PATH}: HTTP 502 "Bad Gateway" (after 1 attempt): CircleCI may have started it although nothing was listed: check CircleCI for it before rerunning, to never trigger twice`,
    );
    expect(fake.requests).toHaveLength(1);
    expect(logs).toContain(
      `POST ${TRIGGER_PATH}: HTTP 502 "Bad Gateway", so CircleCI may have acted on it: nothing it created was listed, and no attempt is left\n`,
    );
  });
});
