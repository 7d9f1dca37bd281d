#!/usr/bin/env node
// The package as users get it: packs it, installs the tarball into an empty folder without the
// registry (it has no dependencies), then runs the installed CLI and imports the API there with a
// controlled environment. Usage: npm run build && npm run smoke:pack
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_PACKED_BYTES = 160 * 1024;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** @type {string[]} */
const failures = [];
let passed = 0;

/**
 * @param {string} what
 * @param {boolean} ok
 * @param {string} [detail]
 */
function check(what, ok, detail = '') {
  if (ok) passed++;
  else failures.push(`${what}${detail ? `: ${detail}` : ''}`);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : `\n     ${detail}`}`);
}

if (!existsSync(join(ROOT, 'dist', 'cci-conditional.js'))) {
  console.error('dist/cci-conditional.js is missing: run npm run build first');
  process.exit(2);
}

const dir = await mkdtemp(join(tmpdir(), 'cci-conditional-smoke-'));
try {
  const npm = (/** @type {string[]} */ args, /** @type {string} */ cwd) =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT));
  const tarball = join(dir, packed.filename);
  check(
    `the tarball is at most 160 KiB (${(packed.size / 1024).toFixed(1)} KiB, ${packed.files.length} files)`,
    packed.size <= MAX_PACKED_BYTES,
  );

  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "smoke", "private": true }\n');
  npm(['install', '--no-audit', '--no-fund', '--offline', tarball], app);
  const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
  check(
    'installing the tarball installs one package',
    installed.join() === pkg.name,
    installed.join(),
  );

  const bin = join(app, 'node_modules', '.bin', 'cci-conditional');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'de_DE.UTF-8' };
  const cli = (/** @type {string[]} */ args, /** @type {Record<string, string>} */ extra = {}) =>
    spawnSync(bin, args, { cwd: app, env: { ...env, ...extra }, encoding: 'utf8' });

  const version = cli(['--version']);
  check('--version prints the version', version.stdout.trim() === pkg.version, version.stderr);

  const help = cli(['--help']);
  check(
    '--help is in English with LANG=de_DE',
    help.status === 0 && help.stdout.includes('Show help'),
    help.stdout + help.stderr,
  );

  const bad = cli(['--bogus']);
  check(
    'an unknown option is a one-line English usage error, exit 2',
    bad.status === 2 && bad.stderr.trim() === 'error: Unknown argument: --bogus (see --help)',
    bad.stderr,
  );

  writeFileSync(
    join(app, 'rules.json'),
    JSON.stringify({ rules: [{ branches: ['main'], job: 'deploy_staging' }] }),
  );
  const dry = cli(['--rules', 'rules.json', '--dry-run'], {
    CIRCLE_BRANCH: 'main',
    CIRCLE_SHA1: '0123456789abcdef0123456789abcdef01234567',
    CIRCLE_PROJECT_USERNAME: 'acme',
    CIRCLE_PROJECT_REPONAME: 'shop',
  });
  check(
    'a dry run prints the request it would send, exit 0',
    dry.status === 0 &&
      dry.stdout.includes('POST https://circleci.com/api/v2/project/gh/acme/shop/pipeline'),
    dry.stdout + dry.stderr,
  );

  const api = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as api from 'cci-conditional';
       import { createRequire } from 'node:module';
       const schema = createRequire(import.meta.url)('cci-conditional/schema.json');
       const rules = api.parseRules('{"rules":[{"tags":["v*"],"job":"release"}]}');
       console.log(typeof api.main, rules.rules[0].job, schema.$id);`,
    ],
    { cwd: app, env, encoding: 'utf8' },
  );
  check(
    'the API and schema.json import from the installed package',
    api.stdout.trim() === 'function release https://unpkg.com/cci-conditional@1/schema.json',
    api.stdout + api.stderr,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

console.log(
  failures.length === 0
    ? `smoke-pack: all ${passed} checks passed`
    : `smoke-pack: ${failures.length} of ${passed + failures.length} checks failed`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
