/**
 * The built CLI as CircleCI runs it: `node bin/cci-conditional.js` in a child process whose
 * environment is only PATH and what the test gives, so no CIRCLE_* or CCI_CONDITIONAL_* leaks in.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
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

export function runBin(args: string[], env: Record<string, string>, cwd: string): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
