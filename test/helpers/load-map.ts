/**
 * The load map of a build of the package (ARCHITECTURE.md, "The load map"): for each path a
 * run can take (test/helpers/load-map-paths.ts), which files of the package it reads, which
 * bundled libraries' code those hold, which of Node's built-in modules it loads, and what it builds
 * or waits for that it need not. A preload watches the process: every file that require() loads
 * goes through fs.readFileSync (CommonJS, and require() of an ES module with what it imports); a
 * file loaded by import() does not, and shows up as missing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUILD_ENV, PATHS, type Path, type PathName } from './load-map-paths.js';
import { NODE } from './run-bin.js';

export interface LoadMap {
  exitCode: number | null;
  /** files of the package that require() read, sorted (`dist/chunks/send.js`: hashes dropped) */
  files: string[];
  /** the bundled libraries whose code those files hold (LIBRARY_MARKERS) */
  libraries: string[];
  /** Node's public built-in modules loaded beyond what a bare `node` loads */
  builtins: string[];
  /** files read outside the package and the run's folders */
  outside: string[];
  /** Intl.ListFormat and Intl.Segmenter objects built */
  listFormats: number;
  segmenters: number;
  /** the process ended with process.exit() rather than waiting for its event loop to empty */
  exitedAtOnce: boolean;
  stderr: string;
}

/**
 * A text that each bundled library's minified code holds and ours does not, to tell which
 * libraries a file carries whatever the build named it. test/load-map.e2e.test.ts fails when one
 * is no longer found in the package (a new version of the library).
 */
export const LIBRARY_MARKERS = {
  got: 'ERR_GOT_REQUEST_ERROR',
  'jsonc-parser': 'CloseBraceExpected',
  minimatch: 'windowsPathsNoEscape',
  pino: 'levelVal',
  yaml: 'YAMLParseError',
  yargs: 'YARGS_MIN_NODE_VERSION',
  zod: '$ZodType',
};

const PRELOAD = `'use strict';
const fs = require('node:fs');
const seen = new Set();
for (const name of ['readFileSync', 'readdirSync', 'statSync', 'existsSync', 'openSync']) {
  const real = fs[name];
  fs[name] = function (path, ...rest) {
    try { seen.add(String(path instanceof URL ? path.pathname : path).replace(/^file:\\/\\//, '')); } catch {}
    return real.call(this, path, ...rest);
  };
}
const counted = { ListFormat: 0, Segmenter: 0 };
for (const name of Object.keys(counted)) {
  const Real = Intl[name];
  Intl[name] = new Proxy(Real, { construct(target, args, newTarget) {
    counted[name]++;
    return Reflect.construct(target, args, newTarget === Intl[name] ? target : newTarget);
  } });
}
const before = new Set(process.moduleLoadList);
let emptied = false;
process.on('beforeExit', () => { emptied = true; });
process.on('exit', () => {
  const builtins = process.moduleLoadList
    .filter((m) => !before.has(m) && m.startsWith('NativeModule ') && !m.includes('internal/'))
    .map((m) => m.slice('NativeModule '.length));
  // The config check's worker thread runs this preload too: only the process's own map counts.
  if (!require('node:worker_threads').isMainThread) return;
  process.stderr.write('LOADMAP ' + JSON.stringify({
    files: [...seen], builtins, listFormats: counted.ListFormat, segmenters: counted.Segmenter,
    exitedAtOnce: !emptied,
  }) + '\\n');
});
`;

/** Runs `task` on each of `items`, at most `limit` at a time. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Runs each path with the bin of `pkg` (a folder with package.json, bin/ and dist/), each in a
 * folder of its own; `host` is the fake CircleCI's origin for the paths that send. Three at a time:
 * more would only make each start slower on a machine of two cores.
 */
export async function loadMaps(
  pkg: string,
  host: string,
  names: readonly PathName[],
): Promise<Map<PathName, LoadMap>> {
  const scratch = mkdtempSync(join(tmpdir(), 'cci-conditional-load-'));
  const preload = join(scratch, 'preload.cjs');
  writeFileSync(preload, PRELOAD);
  try {
    const maps = await inPool(names, 3, (name) => loadMap(pkg, host, name, scratch, preload));
    return new Map(names.map((name, index) => [name, maps[index] as LoadMap]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function loadMap(
  pkg: string,
  host: string,
  name: PathName,
  scratch: string,
  preload: string,
): Promise<LoadMap> {
  const path: Path = PATHS[name];
  const cwd = join(scratch, name.replace(/\W+/g, '-'));
  for (const [file, text] of Object.entries(path.files ?? {})) {
    mkdirSync(dirname(join(cwd, file)), { recursive: true });
    writeFileSync(join(cwd, file), text);
  }
  mkdirSync(cwd, { recursive: true });
  const bin = join(pkg, 'bin', 'cci-conditional.js');
  const args = ['-r', preload, bin, ...path.args, ...(path.host ? ['--host', host] : [])];
  const env = { PATH: process.env.PATH ?? '', HOME: scratch, ...BUILD_ENV, ...path.env };
  const child = spawn(NODE, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exitCode = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  const seen = JSON.parse(/^LOADMAP (.*)$/m.exec(stderr)?.[1] ?? 'null') as Pick<
    LoadMap,
    'files' | 'builtins' | 'listFormats' | 'segmenters' | 'exitedAtOnce'
  > | null;
  if (seen === null) throw new Error(`${name}: no load map (${stderr})`);
  const inPackage = seen.files.filter((file) => file.startsWith(`${pkg}/`)).sort();
  const texts = inPackage.map((file) => readFileSync(file, 'utf8'));
  return {
    ...seen,
    exitCode,
    files: inPackage.map((file) => shortName(file.slice(pkg.length + 1))).sort(),
    libraries: Object.entries(LIBRARY_MARKERS)
      .filter(([, marker]) => texts.some((text) => text.includes(marker)))
      .map(([library]) => library),
    // relative paths and descriptors are the run's own files, read from its folder
    outside: seen.files.filter(
      (file) => file.startsWith('/') && !file.startsWith(`${pkg}/`) && !file.startsWith(scratch),
    ),
    stderr: stderr.replace(/^LOADMAP .*\n/m, ''),
  };
}

/** `dist/chunks/send-AB12CD34.js` → `dist/chunks/send.js` */
function shortName(file: string): string {
  return file.replace(/-[A-Z0-9]{8}(\.js)$/, '$1');
}
