#!/usr/bin/env node
// The package as users get it: packs it (`prepack` builds it first), installs the tarball into an
// empty folder without the registry (it has no dependencies), then runs the installed CLI and
// imports the API there with a controlled environment.
// Usage: npm run smoke:pack [-- TARBALL]. TARBALL: test that tarball instead of packing one.
// TEST_NODE=/path/to/node: run the installed CLI and the API with that Node (npm stays as is).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The tarball packs to about 207 KiB: mostly the bundled libraries (yargs, got, yaml, pino,
// minimatch, zod, jsonc-parser), then our own code, the notices of the bundled packages (34 KiB
// unpacked), the one declaration file (21 KiB) and the README. The budget leaves about a tenth for
// growth; going over it is a change to look at (a library that grew, a source map or a second
// declaration file shipped by mistake).
const MAX_PACKED_BYTES = 228 * 1024;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const given = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
const node = process.env.TEST_NODE || process.execPath;

/** Uses the API as a TypeScript program would: options, deps, its own logger, the schema. */
const CONSUMER = `import {
  type Logger, type RunDeps, type RunOptions, type RunResult, type RulesFile,
  main, parseRules, readRegularFile, rulesFileSchema, run, UsageError,
} from 'cci-conditional';
const lines: string[] = [];
const log = (text: string | object, more?: string) => void lines.push(String(more ?? text));
const logger: Logger = {
  trace: log, debug: log, info: log, warn: log, error: log, isLevelEnabled: () => true,
};
const options: RunOptions = {
  rules: 'rules.json', dryRun: true, host: 'https://circleci.com', tokenEnv: undefined,
  node: 0, timeoutSeconds: 10, retries: 3,
};
const deps: RunDeps = { env: process.env, readFile: readRegularFile, logger };
const file: RulesFile = { rules: [{ branches: ['main'], job: 'deploy' }] };
const shape = rulesFileSchema.safeParse(file);
const jobs: string[] = shape.success ? shape.data.rules.map((rule) => rule.job ?? '') : [];
const result: Promise<RunResult> = run(options, deps);
const code: Promise<number> = main([], process.env, {
  stdout: process.stdout, stderr: process.stderr, readFile: readRegularFile,
});
console.log(jobs, parseRules(JSON.stringify(file)).match, new UsageError('x').code, result, code);
`;

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

const dir = await mkdtemp(join(tmpdir(), 'cci-conditional-smoke-'));
try {
  const npm = (/** @type {string[]} */ args, /** @type {string} */ cwd) =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [packed] = given
    ? []
    : JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT));
  const tarball = given ?? join(dir, packed.filename);
  if (packed) {
    check(
      `the tarball is at most ${MAX_PACKED_BYTES / 1024} KiB (${(packed.size / 1024).toFixed(1)} KiB, ${packed.files.length} files)`,
      packed.size <= MAX_PACKED_BYTES,
    );
  }

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
  // The bin runs as users run it, through its `#!/usr/bin/env node` line: the chosen Node first.
  const PATH = [dirname(node), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter);
  const env = { PATH, HOME: dir, LANG: 'de_DE.UTF-8' };
  const cli = (/** @type {string[]} */ args, /** @type {Record<string, string>} */ extra = {}) =>
    spawnSync(bin, args, { cwd: app, env: { ...env, ...extra }, encoding: 'utf8' });

  const which = spawnSync('node', ['-p', 'process.execPath'], { env, encoding: 'utf8' });
  check(
    `the installed CLI runs on ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
    which.status === 0 && realpathSync(which.stdout.trim()) === realpathSync(node),
    which.stdout + which.stderr,
  );

  const version = cli(['--version']);
  check('--version prints the version', version.stdout.trim() === pkg.version, version.stderr);

  const help = cli(['--help']);
  check(
    '--help is in English with LANG=de_DE',
    help.status === 0 && help.stdout.includes('show this help'),
    help.stdout + help.stderr,
  );

  const bad = cli(['--bogus']);
  check(
    'an unknown option is a one-line English usage error, exit 2',
    bad.status === 2 && bad.stderr.trim() === 'error: --bogus is not an option of run (see --help)',
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
    node,
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

  // A TypeScript consumer that checks every declaration file it sees, the package's included.
  writeFileSync(join(app, 'consumer.ts'), CONSUMER);
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2023',
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      files: ['consumer.ts'],
    }),
  );
  const tsc = spawnSync(node, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], {
    cwd: app,
    encoding: 'utf8',
  });
  check(
    'a TypeScript consumer with skipLibCheck: false compiles against the types',
    tsc.status === 0,
    tsc.stdout + tsc.stderr,
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
