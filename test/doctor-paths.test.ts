/**
 * doctor with rules that have `paths`: a sixth check says whether the job has what they need,
 * git and the checked-out repository, and what a shallow or partial clone costs. Real git
 * repositories; git is asked, nothing is fetched.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { type GitLab, gitLab, packCount } from './helpers/git-repo.js';
import { baseEnv, cliWith } from './helpers/run-harness.js';

const rules = {
  rules: [{ name: 'api', branches: ['main'], paths: ['api/**'], job: 'deploy_api' }],
};
const who = 'rule(s) "api" have paths, which need git and the checked-out repository in the job';

let lab: GitLab;
beforeAll(() => {
  lab = gitLab();
  lab.commit({ 'api/a.ts': '1' });
  lab.commit({ 'api/a.ts': '2' });
  lab.push();
});
afterAll(() => lab.remove());

const fake = useFake();

async function pathsCheck(dir: string, env: Record<string, string> = {}) {
  const { code, stdout } = await cliWith(
    ['doctor', '--host', fake.url, '--json', '--repo-dir', dir],
    { ...baseEnv, ...lab.env, ...env },
    rules,
  );
  const checks = JSON.parse(stdout).checks as Array<{
    name: string;
    status: string;
    message: string;
  }>;
  return {
    code,
    check: checks.find((check) => check.name === 'paths'),
    names: checks.map((c) => c.name),
  };
}

describe('doctor with rules that have paths', () => {
  it('is ok in a blobless clone with the whole history, CircleCI’s checkout', async () => {
    const dir = lab.clone('blobless', '--filter=blob:none');
    const packs = packCount(dir);
    const { check, names } = await pathsCheck(dir);
    expect(names).toEqual(['rules', 'config', 'token', 'project', 'answers', 'paths']);
    expect(check).toEqual({
      name: 'paths',
      status: 'ok',
      message: expect.stringMatching(
        new RegExp(
          `^${who.replace(/[()]/g, '\\$&')}: git version [\\d.]+ found; "[^"]+" is a partial clone \\(blob:none\\) with the whole history \\(git diff --name-only compares trees: no file contents are fetched\\)$`,
        ),
      ),
    });
    expect(packCount(dir)).toBe(packs);
  });

  it('warns about a shallow clone, saying what it costs', async () => {
    const { check } = await pathsCheck(lab.clone('shallow', '--depth=1'));
    expect(check?.status).toBe('warning');
    expect(check?.message).toContain(
      'is a clone with a shallow history: a base older than it is fetched',
    );
  });

  it('is a problem in a job outside a checkout, and a warning elsewhere', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'cci-conditional-doctor-'));
    try {
      const inJob = await pathsCheck(elsewhere);
      expect(inJob.check?.status).toBe('problem');
      expect(inJob.check?.message).toContain(
        'is not a git checkout: run cci-conditional after the checkout step (or give --repo-dir)',
      );
      expect(inJob.code).toBe(1);
      const outside = await pathsCheck(elsewhere, { CIRCLE_SHA1: '' });
      expect(outside.check?.status).toBe('warning');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('warns about a git older than 2.28', async () => {
    const bin = join(lab.root, 'old-git');
    mkdirSync(bin, { recursive: true });
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\n[ "$1" = --version ] && { echo 'git version 2.20.1'; exit 0; }\nexec '${real}' "$@"\n`,
      { mode: 0o755 },
    );
    const { check } = await pathsCheck(lab.work, { PATH: `${bin}:${process.env.PATH ?? ''}` });
    expect(check?.status).toBe('warning');
    expect(check?.message).toContain(
      'git version 2.20.1 found, older than 2.28, whose options rules with paths use: they would deploy without comparing; update git in the image',
    );
  });

  it('is a problem without git', async () => {
    const { check } = await pathsCheck(lab.work, { PATH: join(lab.root, 'no-such-bin') });
    expect(check).toEqual({
      name: 'paths',
      status: 'problem',
      message: `${who}: git is not installed here (not on PATH): add it to the image`,
    });
  });

  it('has no paths check when no rule has paths', async () => {
    const plain = { rules: [{ branches: ['main'], job: 'deploy' }] };
    const { stdout } = await cliWith(['doctor', '--host', fake.url, '--json'], baseEnv, plain);
    const names = JSON.parse(stdout).checks.map((check: { name: string }) => check.name);
    expect(names).toEqual(['rules', 'config', 'token', 'project', 'answers']);
  });
});
