/**
 * The token under every cut: values that hold it (an API message that echoes it, a URL with
 * `?circle-token=`, a branch name) are cut to a length on their way to an output. Whatever the
 * cut leaves, no piece of 8 characters of the token, in any form it is written in, may reach
 * stdout, stderr or $BASH_ENV. Swept in-process through main() at every cut position; the built
 * CLI runs a few of them as a child process (test/cli.e2e.test.ts holds the other leak cases).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultStep } from './fake-circleci/types.js';
import { useFake } from './helpers/fake.js';
import { startBin } from './helpers/run-bin.js';
import { baseEnv, cliWith } from './helpers/run-harness.js';

const TOKEN = 'CCIPAT_leak_check_0123456789abcdef';
/** The characters JSON escapes, so that the escaped forms differ from the token. */
const QUOTED_TOKEN = 'CCIPAT_"quoted\\back/slash_0123456789';
/** No piece this long of the token in any output (docs/reliability.md, "The token"). */
const PIECE_LENGTH = 8;
/** Not the harness's SHA, which shares pieces of 8 with TOKEN. */
const SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const V2_PATH = '/api/v2/project/gh/acme/app/pipeline';
const staging = { rules: [{ name: 'staging', branches: ['**'], job: 'deploy_staging' }] };
const v1 = { api: 'v1.1', rules: [{ name: 'legacy', branches: ['**'], job: 'deploy' }] };

/** The token as is, JSON-escaped one to four times, URL-encoded. */
function formsOf(token: string): string[] {
  const forms = [token];
  for (let i = 0; i < 4; i++) forms.push(JSON.stringify(forms[i]).slice(1, -1));
  forms.push(encodeURIComponent(token), encodeURIComponent(token).toLowerCase());
  return [...new Set(forms)];
}

/** Every piece of PIECE_LENGTH characters of any form of the token found in `text`. */
function tokenPieces(text: string, token: string): string[] {
  const found = new Set<string>();
  for (const form of formsOf(token)) {
    for (let at = 0; at + PIECE_LENGTH <= form.length; at++) {
      const piece = form.slice(at, at + PIECE_LENGTH);
      if (text.includes(piece)) found.add(piece);
    }
  }
  return [...found];
}

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });

interface Outputs {
  code: number;
  /** stdout, stderr and $BASH_ENV together */
  all: string;
  stderr: string;
  bashEnv: string;
}

async function runCut(
  args: string[],
  env: Record<string, string>,
  rules: unknown,
  format: 'text' | 'json',
): Promise<Outputs> {
  let bashEnv = '';
  const run = await cliWith(
    ['--host', fake.url, '--json', '--log-level', 'trace', '--log-format', format, ...args],
    { ...baseEnv, CIRCLE_SHA1: SHA, CIRCLE_API_TOKEN: TOKEN, BASH_ENV: '/bash-env', ...env },
    rules,
    {
      appendFile: async (_path, text) => {
        bashEnv += text;
      },
    },
  );
  return {
    code: run.code,
    all: `${run.stdout}\n${run.stderr}\n${bashEnv}`,
    stderr: run.stderr,
    bashEnv,
  };
}

/** Filler lengths that put every cut position inside the token, and a few on either side. */
function around(cutAt: number, token: string): number[] {
  const first = cutAt - token.length - 2;
  return Array.from({ length: token.length + 4 }, (_, i) => first + i).filter((n) => n >= 0);
}

/** The length of what comes before a 4xx's message in the error line the text log writes. */
const ERROR_PREFIX = `rule "staging": POST ${V2_PATH}: HTTP 403 "`.length;

interface CutCase {
  name: string;
  token: string;
  /** where the text is cut, in the text the filler is measured in */
  cutAt: number;
  arrange: (fill: number, token: string) => void;
  env?: (fill: number, token: string) => Record<string, string>;
  rules?: unknown;
  format: 'text' | 'json';
}

const plainTextBody = (fill: number, token: string): FaultStep => ({
  status: 403,
  text: `${'e'.repeat(fill)}${token} is not allowed here`,
});

const CUTS: CutCase[] = [
  ...[TOKEN, QUOTED_TOKEN].map(
    (token): CutCase => ({
      name: `a plain-text error body cut at 200 characters (${token.includes('"') ? 'quoted token' : 'token'})`,
      token,
      cutAt: 200,
      arrange: (fill) => fake.fault({ method: 'POST' }, plainTextBody(fill, token)),
      format: 'text',
    }),
  ),
  {
    name: 'a plain-text body echoing the token JSON-escaped, cut at 200 characters',
    token: QUOTED_TOKEN,
    cutAt: 200,
    arrange: (fill, token) =>
      fake.fault(
        { method: 'POST' },
        { status: 401, text: `${'e'.repeat(fill)}${JSON.stringify(token).slice(1, -1)} is bad` },
      ),
    format: 'json',
  },
  {
    name: 'an error line cut at 2,000 characters',
    token: TOKEN,
    cutAt: 2000 - ERROR_PREFIX,
    arrange: (fill, token) =>
      fake.fault(
        { method: 'POST' },
        { status: 403, body: { message: `${'m'.repeat(fill)}${token} is not allowed here` } },
      ),
    format: 'text',
  },
  {
    name: 'an entry of errors[] of the read-back cut at 200 characters',
    token: TOKEN,
    cutAt: 200 - '{"type":"config","message":{"detail":"'.length,
    arrange: (fill, token) =>
      fake.fault(
        { method: 'GET', path: /^\/api\/v2\/pipeline\/[^/]+$/ },
        {
          status: 200,
          body: {
            id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
            number: 1,
            state: 'errored',
            errors: [{ type: 'config', message: { detail: `${'x'.repeat(fill)}${token}` } }],
          },
        },
      ),
    format: 'text',
  },
  {
    name: 'a branch name quoted and cut at 200 characters',
    token: TOKEN,
    cutAt: 200,
    arrange: () => {},
    env: (fill, token) => ({ CIRCLE_BRANCH: `${'b'.repeat(fill)}${token}` }),
    format: 'json',
  },
];

describe('no piece of the token in any output or $BASH_ENV, wherever a cut falls', () => {
  it.each(CUTS)('after $name', async (cut) => {
    const leaks: string[] = [];
    for (const fill of around(cut.cutAt, cut.token)) {
      fake.requests.length = 0;
      cut.arrange(fill, cut.token);
      const out = await runCut(
        [],
        { CIRCLE_API_TOKEN: cut.token, ...cut.env?.(fill, cut.token) },
        cut.rules ?? staging,
        cut.format,
      );
      // the cut was reached: the run failed on the answer, or logged the long name
      expect(out.stderr.length).toBeGreaterThan(100);
      const found = tokenPieces(out.all, cut.token);
      if (found.length > 0) leaks.push(`filler ${fill}: ${found.join(', ')}`);
    }
    expect(leaks).toEqual([]);
  });

  it('writes a build URL that carries the token to $BASH_ENV with the token hidden', async () => {
    fake.fault(
      { method: 'POST' },
      {
        status: 201,
        body: {
          build_num: 5,
          build_url: `https://circleci.com/gh/acme/app/5?circle-token=${TOKEN}`,
        },
      },
    );
    const out = await runCut([], {}, v1, 'text');
    expect(out.code).toBe(0);
    expect(out.bashEnv).toContain(
      "export CCI_CONDITIONAL_BUILD_URL='https://circleci.com/gh/acme/app/5?circle-token=***'",
    );
    expect(tokenPieces(out.all, TOKEN)).toEqual([]);
  });
});

describe('--host with user info or a query string', () => {
  it.each([
    ['a query string', `https://circleci.com/?circle-token=${TOKEN}`],
    ['a query string without a path', `https://circleci.com?circle-token=${TOKEN}`],
    ['a fragment', `https://circleci.com/#${TOKEN}`],
    ['user info', `https://${TOKEN}@circleci.com`],
    ['user and password', `https://user:${TOKEN}@circleci.com`],
    ['a value that is no URL', `circleci.com?circle-token=${TOKEN}`],
    ['a value that is no URL with user info', `${TOKEN}@circleci.com`],
  ])(
    'with %s is exit 2 without echoing it, even when the token is another one',
    async (_, host) => {
      for (const token of [TOKEN, 'CCIPAT_another_token_0000000000']) {
        const run = await cliWith(
          ['--host', host, '--json', '--log-level', 'trace'],
          { ...baseEnv, CIRCLE_SHA1: SHA, CIRCLE_API_TOKEN: token },
          staging,
        );
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^error: --host /);
        expect(tokenPieces(`${run.stdout}${run.stderr}`, TOKEN)).toEqual([]);
        expect(fake.requests).toEqual([]);
      }
    },
  );
});

describe('the built CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cci-conditional-cuts-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function runBin(args: string[], rules: unknown, env: Record<string, string> = {}) {
    const file = join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
    const bashEnv = join(dir, `bash-env-${Math.random().toString(36).slice(2)}`);
    await writeFile(file, JSON.stringify(rules));
    await writeFile(bashEnv, '');
    const { code, stdout, stderr } = await startBin(
      ['--rules', file, '--json', '--log-level', 'trace', ...args],
      {
        cwd: dir,
        env: { ...baseEnv, CIRCLE_SHA1: SHA, CIRCLE_API_TOKEN: TOKEN, BASH_ENV: bashEnv, ...env },
      },
    ).ended;
    return { code, all: `${stdout}\n${stderr}\n${await readFile(bashEnv, 'utf8')}` };
  }

  it.each([
    ['a plain-text error body cut in the token', plainTextBody(190, TOKEN), staging, 1],
    [
      'a build URL with the token, in $BASH_ENV',
      { status: 201, body: { build_num: 5, build_url: `https://x/5?circle-token=${TOKEN}` } },
      v1,
      0,
    ],
  ] as Array<[string, FaultStep, unknown, number]>)(
    'leaves no piece of it after %s',
    async (_, fault, rules, code) => {
      fake.fault({ method: 'POST' }, fault);
      const run = await runBin(['--host', fake.url, '--log-format', 'json'], rules);
      expect(run.code).toBe(code);
      expect(tokenPieces(run.all, TOKEN)).toEqual([]);
    },
  );

  it('refuses --host with the token in its query string without echoing it', async () => {
    const run = await runBin([], staging, {
      CCI_CONDITIONAL_HOST: `https://circleci.com/?circle-token=${TOKEN}`,
      CIRCLE_API_TOKEN: 'CCIPAT_another_token_0000000000',
    });
    expect(run.code).toBe(2);
    expect(tokenPieces(run.all, TOKEN)).toEqual([]);
  });
});
