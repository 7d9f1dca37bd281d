/** $BASH_ENV outputs: export lines that bash sources before later steps, never running anything. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shellQuote } from '../src/cli/write-outputs.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, SHA } from './helpers/run-harness.js';

let dir: string;
let marker: string;
const fake = useFake({ heads: { main: SHA } });
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-outputs-'));
  marker = join(dir, 'executed');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Text that runs `touch <marker>` in every way bash could be tricked into running it. */
const hostile = (marker: string) => [
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  `'; touch ${marker}; '`,
  `"; touch ${marker}; "`,
  `line one\nline two; touch ${marker}`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${HOME} for bash to leave alone
  '$HOME and ${HOME} and \\$HOME',
  "it's",
  "''",
  '!!',
  '',
];

/** Sources `file` in a real bash and prints the variable's value, byte for byte. */
function sourced(file: string, name: string): string {
  return execFileSync('bash', ['-c', `source "$1"; printf %s "$${name}"`, 'bash', file], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/home/someone' },
  });
}

describe('shellQuote', () => {
  it('keeps every hostile string a plain string in bash', () => {
    for (const value of hostile(marker)) {
      const printed = execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`], {
        encoding: 'utf8',
      });
      expect(printed).toBe(value);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('quotes with single quotes and closes them around a quote', () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$(x)')).toBe("'$(x)'");
  });
});

describe('outputs in $BASH_ENV', () => {
  const io = { appendFile: (path: string, text: string) => appendFile(path, text, 'utf8') };
  const v1Rules = { api: 'v1.1', rules: [{ branches: ['/[\\s\\S]*/'], job: 'deploy' }] };
  const v2Rules = { rules: [{ branches: ['main'], job: 'deploy' }] };

  it('survives hostile branch names and build URLs when sourced, running nothing', async () => {
    for (const [i, value] of hostile(marker).entries()) {
      const file = join(dir, `bash_env_${i}`);
      const url = `https://circleci.example.com/gh/acme/app/7?${value}`;
      fake.fault({ method: 'POST' }, { status: 200, body: { build_num: 7, build_url: url } });
      const env = { ...baseEnv, CIRCLE_BRANCH: value || 'x', BASH_ENV: file };
      const { code } = await cliWith(['--host', fake.url], env, v1Rules, io);
      expect(code).toBe(0);
      expect(sourced(file, 'CCI_CONDITIONAL_DECISION')).toBe('triggered');
      expect(sourced(file, 'CCI_CONDITIONAL_BUILD_URL')).toBe(url);
      expect(sourced(file, 'CCI_CONDITIONAL_BUILD_NUM')).toBe('7');
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('exports the first triggered pipeline of a v2 run, after what the file held', async () => {
    const file = join(dir, 'bash_env');
    await appendFile(file, 'export EARLIER=1');
    const { code } = await cliWith(
      ['--host', fake.url],
      { ...baseEnv, BASH_ENV: file },
      v2Rules,
      io,
    );
    expect(code).toBe(0);
    const pipeline = fake.pipelines[0];
    expect(await readFile(file, 'utf8')).toBe(
      `export EARLIER=1\nexport CCI_CONDITIONAL_DECISION='triggered'\nexport CCI_CONDITIONAL_PIPELINE_ID='${pipeline?.id}'\nexport CCI_CONDITIONAL_PIPELINE_NUMBER='1'\n`,
    );
    expect(sourced(file, 'EARLIER')).toBe('1');
  });

  it.each([
    ['skipped', [], { CIRCLE_BRANCH: 'dev' }, 0],
    ['dry-run', ['--dry-run'], {}, 0],
    ['failed', ['--timeout', 'abc'], {}, 2],
    ['failed', [], { CIRCLE_SHA1: '' }, 2],
  ])('says %s and nothing more for %j', async (decision, args, overrides, exitCode) => {
    const file = join(dir, 'bash_env');
    const env = { ...baseEnv, ...overrides, BASH_ENV: file };
    const { code } = await cliWith(['--host', fake.url, ...args], env, v2Rules, io);
    expect(code).toBe(exitCode);
    expect(await readFile(file, 'utf8')).toBe(`\nexport CCI_CONDITIONAL_DECISION='${decision}'\n`);
  });

  it('says skipped and the reason superseded when a newer push superseded this commit', async () => {
    const file = join(dir, 'bash_env');
    const running = fake.addPipeline({ vcs: { branch: 'main', revision: SHA } });
    fake.addPipeline({
      vcs: { branch: 'main', revision: 'c'.repeat(40) },
      created_at: new Date(Date.now() + 60_000).toISOString(),
    });
    const env = { ...baseEnv, CIRCLE_PIPELINE_ID: running.id, BASH_ENV: file };
    const { code } = await cliWith(['--host', fake.url], env, v2Rules, io);
    expect(code).toBe(0);
    expect(sourced(file, 'CCI_CONDITIONAL_DECISION')).toBe('skipped');
    expect(sourced(file, 'CCI_CONDITIONAL_REASON')).toBe('superseded');
  });

  it('says failed when the API refused the trigger', async () => {
    const file = join(dir, 'bash_env');
    fake.fault({ method: 'POST' }, { status: 404 });
    const { code } = await cliWith(
      ['--host', fake.url],
      { ...baseEnv, BASH_ENV: file },
      v2Rules,
      io,
    );
    expect(code).toBe(1);
    expect(sourced(file, 'CCI_CONDITIONAL_DECISION')).toBe('failed');
  });

  it('writes nothing for check, validate and --help', async () => {
    const file = join(dir, 'bash_env');
    const env = { ...baseEnv, BASH_ENV: file };
    for (const args of [['check', '--branch', 'main'], ['validate'], ['--help']]) {
      await cliWith(args, env, v2Rules, io);
    }
    expect(existsSync(file)).toBe(false);
  });

  it('warns but keeps the exit code when the file cannot be written', async () => {
    const file = join(dir, 'missing-dir', 'bash_env');
    const { code, stderr } = await cliWith(
      ['--dry-run'],
      { ...baseEnv, BASH_ENV: file },
      v2Rules,
      io,
    );
    expect(code).toBe(0);
    expect(stderr).toContain(`warning: could not write the outputs to BASH_ENV ${file}: ENOENT`);
  });
});
