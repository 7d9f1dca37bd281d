/**
 * `doctor` on a laptop without --project: the project comes from the clone's origin
 * (`git remote get-url origin`, run without a shell) when it is on github.com or bitbucket.org,
 * and the report says so. In a job the CIRCLE_* variables name it and git is not asked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { runBin } from './helpers/run-bin.js';
import { baseEnv, cliWith } from './helpers/run-harness.js';

const RULES = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const laptop = { CIRCLE_API_TOKEN: baseEnv.CIRCLE_API_TOKEN ?? '' };
const FROM_ORIGIN =
  'this project is gh/acme/app, from `git remote get-url origin` (--project names another)';

const fake = useFake();

/** doctor with the clone's origin given; `asked` counts the reads of it. */
async function doctorWithOrigin(
  url: string | undefined,
  args: string[] = [],
  env: Record<string, string> = laptop,
) {
  const asked: string[] = [];
  const ran = await cliWith(['doctor', '--host', fake.url, ...args], env, RULES, {
    readOriginUrl: async () => {
      asked.push('origin');
      return url;
    },
  });
  return { ...ran, asked };
}

describe('doctor outside CircleCI without --project', () => {
  it.each([
    ['git@github.com:acme/app.git'],
    ['https://github.com/acme/app.git'],
    ['ssh://git@github.com/acme/app'],
  ])('takes this project from the origin %s and says so', async (url) => {
    fake.addPipeline({ trigger: { type: 'api' } });
    const { code, stdout } = await doctorWithOrigin(url);
    expect(stdout).toContain(
      `project: ok — visible to the token: gh/acme/app (v2); ${FROM_ORIGIN}\n`,
    );
    expect(stdout).toContain('answers: ok — the 1 recent pipeline(s) of gh/acme/app');
    expect(code).toBe(0);
  });

  it('reads a Bitbucket origin as a bb/ project', async () => {
    const { stdout } = await doctorWithOrigin('git@bitbucket.org:acme/lib.git');
    expect(fake.requests.map((r) => r.path)).toContain('/api/v2/project/bb/acme/lib');
    expect(stdout).toContain('this project is bb/acme/lib, from `git remote get-url origin`');
  });

  it('names another host as the reason, never the URL, which may carry a token', async () => {
    const url = 'https://oauth2:glpat-0123456789secret@gitlab.example.com/acme/app.git';
    const { code, stdout, stderr } = await doctorWithOrigin(url);
    expect(stdout).toContain(
      'project: problem — rule(s) "staging" trigger this project, not known outside CircleCI: pass --project gh/org/repo (the origin of this clone is not on github.com or bitbucket.org)\n',
    );
    expect(`${stdout}${stderr}`).not.toContain('glpat');
    expect(`${stdout}${stderr}`).not.toContain('gitlab.example.com');
    expect(code).toBe(1);
  });

  it('says the same of the origin without a token, where nothing else is checked', async () => {
    const { stdout } = await doctorWithOrigin('git@github.com:acme/app.git', [], {
      CIRCLE_API_TOKEN: '',
    });
    expect(stdout).toContain(
      `project: problem — no token: not checked (see token); ${FROM_ORIGIN}\n`,
    );
  });

  it('asks --project when the clone has no origin', async () => {
    const { stdout } = await doctorWithOrigin(undefined);
    expect(stdout).toContain('not known outside CircleCI: pass --project gh/org/repo\n');
  });

  it('leaves the origin alone when --project names the project', async () => {
    const { asked, stdout } = await doctorWithOrigin('git@github.com:acme/app.git', [
      '--project',
      'gh/acme/other',
    ]);
    expect(asked).toEqual([]);
    expect(stdout).not.toContain('git remote');
    expect(fake.requests.map((r) => r.path)).toContain('/api/v2/project/gh/acme/other');
  });

  it('leaves the origin alone in a job, whose CIRCLE_* variables name the project', async () => {
    const { asked } = await doctorWithOrigin('git@github.com:acme/other.git', [], baseEnv);
    expect(asked).toEqual([]);
    expect(fake.requests.map((r) => r.path)).toContain('/api/v2/project/gh/acme/app');
  });
});

describe('the built CLI in a clone', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cci-conditional-origin-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '--quiet');
    git('remote', 'add', 'origin', 'git@github.com:acme/app.git');
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(RULES));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs git remote get-url origin itself and checks that project', async () => {
    const run = await runBin(['doctor', '--host', fake.url, '--rules', 'rules.json'], laptop, dir);
    expect(run.stdout).toContain(
      `project: ok — visible to the token: gh/acme/app (v2); ${FROM_ORIGIN}\n`,
    );
    expect(fake.requests.map((r) => r.path)).toContain('/api/v2/project/gh/acme/app/pipeline');
  });
});
