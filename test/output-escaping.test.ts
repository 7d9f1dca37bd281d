/**
 * Branch names, tags and API answers are chosen by others: whatever they hold, each log line,
 * error line and line of text output stays one line of plain text, and JSON output one object.
 */
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, posts, TOKEN } from './helpers/run-harness.js';

const FORGED = 'x\nerror: forged line\r\u001b[31mred\u001b[0m\u009b2J\u2028end';
const ESCAPED = 'x\\nerror: forged line\\r\\u001b[31mred\\u001b[0m\\u009b2J\\u2028end';
/** Any control character or line separator that would reach the terminal as is. */
const RAW_CONTROL = /[\p{Cc}\u2028\u2029]/u;

const staging = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy' }] };

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });

/** Each line of the output without its newline: none may hold a control character. */
const lines = (text: string) => text.split('\n').slice(0, -1);

describe('a branch name with newlines and colours', () => {
  it('is escaped in the text log of a skip', async () => {
    const run = await cliWith(
      ['--rules', 'r.json'],
      { ...baseEnv, CIRCLE_BRANCH: FORGED },
      staging,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`skipped: no rule matches branch "${ESCAPED}"\n`);
  });

  it('is cut after 200 characters', async () => {
    const long = `${'b'.repeat(999)}\n`;
    const run = await cliWith(['--rules', 'r.json'], { ...baseEnv, CIRCLE_BRANCH: long }, staging);
    expect(run.stderr).toBe(
      `skipped: no rule matches branch "${'b'.repeat(200)}…" (1000 characters)\n`,
    );
  });

  it('is refused beyond 1,000 bytes, before any pattern is tried', async () => {
    const long = `${'b'.repeat(10_000)}\n`;
    const run = await cliWith(['--rules', 'r.json'], { ...baseEnv, CIRCLE_BRANCH: long }, staging);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: CIRCLE_BRANCH is 10001 bytes long: branch and tag names longer than 1000 bytes are refused, so that no name can make matching slow\n',
    });
  });

  it('is escaped in the JSON log and the JSON result, which stay one line each', async () => {
    const env = { ...baseEnv, CIRCLE_BRANCH: FORGED };
    const run = await cliWith(
      ['--rules', 'r.json', '--json', '--log-format', 'json'],
      env,
      staging,
    );
    for (const line of [...lines(run.stdout), ...lines(run.stderr)]) {
      expect(line).not.toMatch(RAW_CONTROL);
    }
    expect(lines(run.stdout)).toHaveLength(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(JSON.parse(run.stdout).reason).toBe(
      `no rule matches branch ${JSON.stringify(FORGED)}`
        .replace('\u009b', '\\u009b')
        .replace('\u2028', '\\u2028'),
    );
    expect(JSON.parse(run.stderr).msg).toBe(`skipped: ${JSON.parse(run.stdout).reason}`);
  });

  it('is escaped in the text output of check', async () => {
    const run = await cliWith(['check', '--rules', 'r.json', '--branch', FORGED], {}, staging);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        `branch "${ESCAPED}" against r.json:`,
        `  no      staging: has no pattern matching branch "${ESCAPED}"`,
        `no rule matches branch "${ESCAPED}": nothing would be triggered`,
        '',
      ].join('\n'),
    );
  });

  it('is escaped on the dry-run text and in the request body', async () => {
    const rules = { rules: [{ name: 'any', branches: ['**'], job: 'deploy' }] };
    const env = { ...baseEnv, CIRCLE_BRANCH: 'evil\u001b[2J' };
    const run = await cliWith(['--rules', 'r.json', '--dry-run'], env, rules);
    expect(run.code).toBe(0);
    for (const line of [...lines(run.stdout), ...lines(run.stderr)]) {
      expect(line).not.toMatch(RAW_CONTROL);
    }
    expect(run.stdout).toContain('"branch": "evil\\u001b[2J"');
  });
});

describe('a message from the API with control characters', () => {
  it('is escaped in the error line', async () => {
    fake.fault(
      { method: 'POST' },
      { status: 400, body: { message: `bad\n\u001b[32mok: deployed\u009b` } },
    );
    const run = await cliWith(
      ['--rules', 'r.json', '--host', fake.url, '--retries', '0'],
      baseEnv,
      staging,
    );
    expect(run.code).toBe(1);
    expect(posts(fake)).toHaveLength(1);
    for (const line of lines(run.stderr)) expect(line).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('\\n\\u001b[32mok: deployed\\u009b');
  });
});

describe('a huge value in an error line', () => {
  it('is cut after 2,000 characters, saying how long the message was', async () => {
    const run = await cliWith(['--node', '9'.repeat(100_000)], baseEnv, staging);
    expect(run.code).toBe(2);
    const [line, ...rest] = run.stderr.split('\n');
    expect(rest).toEqual(['']);
    expect(line).toMatch(/^error: .{2000}… \(\d{6} characters\)$/u);
  });
});
