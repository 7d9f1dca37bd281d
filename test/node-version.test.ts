/**
 * The bin checks the Node version before it imports the bundle: on a Node older than `engines`
 * allows, one line and exit 2, never a stack trace. The child runs the real bin with a preload that
 * makes `process.versions.node` report another version (TEST_NODE picks the Node, as in
 * cli.e2e.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runBinSync } from './helpers/run-bin.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
};
const dir = mkdtempSync(join(tmpdir(), 'cci-conditional-node-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bin, run as if on Node `version`. */
function runAs(version: string, args: string[]) {
  const preload = join(dir, `as-${version}.mjs`);
  writeFileSync(
    preload,
    `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} });\n`,
  );
  return runBinSync(args, { cwd: dir, nodeArgs: ['--import', preload] });
}

describe('the Node version check of the bin', () => {
  const floor = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node);

  it('matches engines in package.json, a lower bound major.minor', () => {
    expect(floor?.slice(1)).toEqual(['20', '19']);
  });

  it.each(['20.18.3', '18.20.4', '16.20.2'])(
    'refuses Node %s with one line and exit 2, loading nothing else',
    (version) => {
      const ran = runAs(version, ['--rules', 'missing.json', '--dry-run']);
      expect(ran.code).toBe(2);
      expect(ran.stdout).toBe('');
      expect(ran.stderr).toBe(
        `error: cci-conditional needs Node.js 20.19 or later, and this is Node.js ${version}\n`,
      );
    },
  );

  it.each(['20.19.0', '22.0.0', '26.12.1', '30.1.0'])('runs on Node %s', (version) => {
    const ran = runAs(version, ['--version']);
    expect(ran).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
  });
});
