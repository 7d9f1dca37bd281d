/**
 * The headers `--dry-run` prints are the headers the client sends: one table
 * (src/circleci/request-headers.ts) drives both. Checked against what the fake CircleCI
 * received, so a header added to one side only fails here.
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/circleci/circleci-client.js';
import type { ApiRequest } from '../src/circleci/plan-actions.js';
import { renderRequest } from '../src/circleci/render-request.js';
import { createLogger } from '../src/cli/logger.js';
import { useFake } from './helpers/fake.js';

const TOKEN = 'header-test-token';
const USER_AGENT = 'cci-conditional/9.9.9';
/** What Node's HTTP client adds to every request on its own. */
const TRANSPORT = ['host', 'content-length', 'accept-encoding', 'connection'];

const fake = useFake({ token: TOKEN });

describe('the headers of a request', () => {
  it.each<[string, ApiRequest]>([
    [
      'a v2 trigger',
      {
        method: 'POST',
        path: '/api/v2/project/gh/acme/app/pipeline',
        body: { branch: 'main', parameters: { target_job: 'deploy' } },
      },
    ],
    [
      'a v1.1 trigger',
      {
        method: 'POST',
        path: '/api/v1.1/project/github/acme/app/tree/main',
        body: { revision: 'a'.repeat(40), build_parameters: { CIRCLE_JOB: 'deploy' } },
      },
    ],
  ])('of %s are sent as --dry-run prints them, the token in place of ***', async (_, request) => {
    const client = createClient({
      host: fake.url,
      token: TOKEN,
      tokenEnv: 'CIRCLE_API_TOKEN',
      timeoutMs: 5000,
      retries: 0,
      userAgent: USER_AGENT,
      logger: createLogger('silent', 'text', { write: () => {} }),
    });
    await client.send(request);
    const received = fake.requests[0]?.headers ?? {};
    const printed = renderRequest(request, fake.url, USER_AGENT).headers;
    const expected = Object.fromEntries(
      Object.entries(printed).map(([name, value]) => [
        name.toLowerCase(),
        value === '***' ? TOKEN : value,
      ]),
    );
    expect(printed['Circle-Token']).toBe('***');
    const own = Object.fromEntries(
      Object.entries(received).filter(([name]) => !TRANSPORT.includes(name)),
    );
    expect(own).toEqual(expected);
  });
});
