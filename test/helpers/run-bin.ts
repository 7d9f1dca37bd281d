/**
 * The built CLI as CircleCI runs it: `node bin/cci-conditional.js` in a child process whose
 * environment is only PATH and what the test gives, so no CIRCLE_* or CCI_CONDITIONAL_* leaks in.
 * Every run first makes sure the build is that of today's source (once per test worker): a stale
 * build would test yesterday's code.
 */
import { type ChildProcessByStdio, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'cci-conditional.js');
/** The Node that runs the bin: TEST_NODE when set (.ci/run sets it to each Node line tested). */
export const NODE = process.env.TEST_NODE || process.execPath;

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface BinOptions {
  /** the folder it runs in (default: the test process's) */
  cwd?: string;
  /** its environment besides PATH (which this may replace) */
  env?: Record<string, string>;
  /** options of Node itself, before the bin (`--import`, a preload) */
  nodeArgs?: string[];
}

export interface RunningBin {
  /** to signal it, or to close its output as a reader that went away does */
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** what it printed and its exit code (null when a signal ended it) */
  ended: Promise<Outcome>;
}

/** Starts the bin with `args`; the test may signal it before it ends. */
export function startBin(args: string[], { cwd, env, nodeArgs = [] }: BinOptions = {}): RunningBin {
  expectCurrentBuild();
  const child = spawn(NODE, [...nodeArgs, BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, ended: outcomeOf(child) };
}

/** What a child process printed and its exit code, once it ended. */
export function outcomeOf(child: ChildProcessByStdio<null, Readable, Readable>): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  return new Promise<Outcome>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Runs the bin with `args` in `cwd` to its end. */
export function runBin(args: string[], env: Record<string, string>, cwd: string): Promise<Outcome> {
  return startBin(args, { env, cwd }).ended;
}

/** Runs the bin to its end, blocking: for a test that needs its output while it collects. */
export function runBinSync(args: string[], { cwd, env, nodeArgs = [] }: BinOptions = {}): Outcome {
  expectCurrentBuild();
  const ran = spawnSync(NODE, [...nodeArgs, BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  if (ran.error) throw ran.error;
  return { code: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

let checked = false;

/**
 * Throws unless the bundle the bin loads is newer than every file of src/ and prints
 * package.json's version: run `npm run build` after changing either.
 */
export function expectCurrentBuild(): void {
  if (checked) return;
  const entry = builtEntry();
  const built = statSync(entry, { throwIfNoEntry: false });
  if (!built) throw new Error(`${relative(ROOT, entry)} is missing: run npm run build first`);
  const newer = sourceFiles(join(ROOT, 'src')).find(
    (file) => statSync(file).mtimeMs > built.mtimeMs,
  );
  if (newer) {
    throw new Error(
      `${relative(ROOT, newer)} changed after ${relative(ROOT, entry)} was built: run npm run build`,
    );
  }
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const printed = spawnSync(NODE, [BIN, '--version'], { encoding: 'utf8' }).stdout.trim();
  if (printed !== version) {
    throw new Error(`the built CLI says ${printed}, package.json ${version}: run npm run build`);
  }
  checked = true;
}

/** The bundle file the bin loads: it names it in a require() or an import. */
function builtEntry(): string {
  const bin = readFileSync(BIN, 'utf8');
  const target = /(?:require\(|from\s+|import\()\s*'(\.\.\/dist\/[^']+)'/.exec(bin)?.[1];
  if (target === undefined) throw new Error(`${relative(ROOT, BIN)} loads nothing from dist/`);
  return resolve(dirname(BIN), target);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : [path];
  });
}
