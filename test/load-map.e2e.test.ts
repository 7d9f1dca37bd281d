/**
 * What the built CLI loads on each path: the files of dist/ (a preload lists require.cache as
 * the process ends; the bin loads every chunk with require()) and whether Node's child_process
 * was loaded. The code that runs git is in a file of its own, loaded only when a rule with
 * `paths` matched the branch: a rules file without paths, and a paths rule of another branch,
 * load what they loaded before, cli.js alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, NODE, ROOT } from './helpers/run-bin.js';

const PRELOAD = `process.on('exit', () => {
  const files = Object.keys(require.cache).filter((f) => f.includes('/dist/'))
    .map((f) => f.replace(/.*\\/dist\\//, '').replace(/-[A-Z0-9]{8}\\.js$/, '.js'));
  const childProcess = process.moduleLoadList.includes('NativeModule child_process');
  process.stderr.write('LOADED ' + JSON.stringify({ files, childProcess }) + '\\n');
});`;

let dir: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run npm run build first');
  dir = mkdtempSync(join(tmpdir(), 'cci-conditional-load-'));
  writeFileSync(join(dir, 'preload.cjs'), PRELOAD);
  const job = { branches: ['main'], job: 'deploy' };
  writeFileSync(join(dir, 'plain.json'), JSON.stringify({ rules: [job] }));
  writeFileSync(join(dir, 'paths.json'), JSON.stringify({ rules: [{ ...job, paths: ['a/**'] }] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loaded(rules: string, branch: string, ...args: string[]) {
  const child = spawnSync(NODE, ['-r', join(dir, 'preload.cjs'), BIN, '--rules', rules, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      CIRCLE_BRANCH: branch,
      CIRCLE_SHA1: '0123456789abcdef0123456789abcdef01234567',
      CIRCLE_PROJECT_USERNAME: 'acme',
      CIRCLE_PROJECT_REPONAME: 'app',
    },
  });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(/^LOADED (.*)$/m.exec(child.stderr)?.[1] ?? 'null');
}

describe('what the built CLI loads', () => {
  it.each([
    ['the skip path of a rules file without paths', 'plain.json', 'dev', []],
    ['the skip path of a rule with paths of another branch', 'paths.json', 'dev', []],
    ['the dry run of a rule without paths', 'plain.json', 'main', ['--dry-run']],
  ])('%s: cli.js alone, no child_process', (_, rules, branch, args) => {
    expect(loaded(rules, branch, ...args)).toEqual({ files: ['cli.js'], childProcess: false });
  });

  it('a rule with paths whose branch matches: the file with git, not the sending code', () => {
    expect(loaded('paths.json', 'main', '--dry-run')).toEqual({
      files: ['cli.js', 'chunks/paths.js'],
      childProcess: true,
    });
  });
});
