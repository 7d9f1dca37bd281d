#!/usr/bin/env node
// @ts-check
// What rules with `paths` cost in each kind of clone a CircleCI job may have: a monorepo of
// SERVICES services with FILES files each (4 KiB of random text each) and COMMITS commits, each
// changing a few files, served over file:// by a bare origin that allows filters and fetches by
// SHA (as GitHub does). For each clone: its size, then what cci-conditional does with a base
// BACK commits behind the head: the fetch of a base a shallow clone lacks, the deepening that
// tells ancestry, the diff; the bytes and objects each one fetched and the time it took.
// Usage: node scripts/measure-clones.js [SERVICES FILES COMMITS BACK]. A measurement, not a test.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const number = (/** @type {number} */ i, /** @type {number} */ fallback) =>
  Number(process.argv[2 + i] ?? fallback);
const [SERVICES, FILES, COMMITS, BACK] = [
  number(0, 20),
  number(1, 100),
  number(2, 300),
  number(3, 100),
];
const root = mkdtempSync(join(tmpdir(), 'cci-conditional-clones-'));
mkdirSync(join(root, 'home'));
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: join(root, 'home'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
/** @param {string} cwd @param {string[]} args */
const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: 'pipe', maxBuffer: 1 << 30 });
/** @param {string} cwd @param {string[]} args */
function timed(cwd, ...args) {
  const start = performance.now();
  const out = git(cwd, ...args);
  return { out, ms: performance.now() - start };
}
/** Bytes under a folder. @param {string} dir @returns {number} */
function size(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? size(path) : statSync(path).size;
  }
  return bytes;
}
/** @param {string} dir */
const objects = (dir) => {
  const counts = Object.fromEntries(
    git(dir, 'count-objects', '-v')
      .trim()
      .split('\n')
      .map((line) => line.split(': ')),
  );
  return Number(counts.count) + Number(counts['in-pack']);
};
const kib = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const text = () => `${randomBytes(3072).toString('base64')}\n`;

try {
  const work = join(root, 'work');
  mkdirSync(work);
  git(work, 'init', '--quiet', '--initial-branch=main');
  for (let s = 0; s < SERVICES; s++)
    for (let f = 0; f < FILES; f++) {
      mkdirSync(join(work, `services/s${s}`), { recursive: true });
      writeFileSync(join(work, `services/s${s}/f${f}.txt`), text());
    }
  git(work, 'add', '--all');
  git(work, 'commit', '--quiet', '-m', 'initial');
  for (let c = 1; c < COMMITS; c++) {
    for (let k = 0; k < 3; k++) {
      const s = (c * 7 + k) % SERVICES;
      writeFileSync(join(work, `services/s${s}/f${(c + k) % FILES}.txt`), text());
    }
    git(work, 'commit', '--quiet', '--all', '-m', `change ${c}`);
  }
  const bare = join(root, 'origin.git');
  git(root, 'clone', '--quiet', '--bare', work, bare);
  git(bare, 'config', 'uploadpack.allowFilter', 'true');
  git(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  const head = git(work, 'rev-parse', 'HEAD').trim();
  const base = git(work, 'rev-parse', `HEAD~${BACK}`).trim();
  console.log(
    `${SERVICES * FILES} files, ${COMMITS} commits; origin ${kib(size(bare))}; base ${BACK} commits behind the head`,
  );

  const kinds = [
    ['full', []],
    ['blobless (CircleCI checkout)', ['--filter=blob:none']],
    ['shallow, depth 1', ['--depth=1']],
    ['shallow and blobless', ['--depth=1', '--filter=blob:none']],
  ];
  for (const [name, flags] of /** @type {Array<[string, string[]]>} */ (kinds)) {
    const dir = join(root, name.replace(/\W+/g, '-'));
    const clone = timed(root, 'clone', '--quiet', ...flags, `file://${bare}`, dir);
    console.log(`\n${name}: clone ${clone.ms.toFixed(0)} ms, ${kib(size(join(dir, '.git')))}`);
    /** @param {string} what @param {string[]} args */
    const step = (what, ...args) => {
      const [bytes, count] = [size(join(dir, '.git')), objects(dir)];
      let result;
      try {
        result = timed(dir, ...args);
      } catch (error) {
        console.log(
          `  ${what}: failed (${String(/** @type {Error} */ (error).message).split('\n')[0]})`,
        );
        return undefined;
      }
      const fetched = size(join(dir, '.git')) - bytes;
      console.log(
        `  ${what}: ${result.ms.toFixed(0)} ms, +${objects(dir) - count} objects, +${kib(Math.max(0, fetched))}`,
      );
      return result.out;
    };
    let present = true;
    try {
      git(dir, 'rev-parse', '--verify', '--quiet', `${base}^{commit}`);
    } catch {
      present = false;
    }
    if (!present)
      step('git fetch --depth=1 origin <base>', 'fetch', '--quiet', '--depth=1', 'origin', base);
    let ancestor = true;
    try {
      git(dir, 'merge-base', '--is-ancestor', base, head);
    } catch {
      ancestor = false;
    }
    if (!ancestor)
      step(
        'git fetch --deepen=200 origin <head>',
        'fetch',
        '--quiet',
        '--deepen=200',
        'origin',
        head,
      );
    const diff = step(
      'git diff --name-only --no-renames -z',
      'diff',
      '--name-only',
      '--no-renames',
      '-z',
      base,
      head,
    );
    if (diff !== undefined)
      console.log(`  ${diff.split('\0').filter(Boolean).length} paths changed`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
