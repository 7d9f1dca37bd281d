// @ts-check
// How scripts/bench.js measures one run: wall time from spawn to exit, and peak RSS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const TIME = '/usr/bin/time';
/** What measures peak RSS here: /usr/bin/time, else the process's own resourceUsage(). */
export const rssTool = existsSync(TIME) ? TIME : 'resourceUsage';

/**
 * Runs one command; resolves with its wall time, exit code and stderr.
 * @param {string[]} command
 * @param {Record<string, string>} env
 * @param {string} [cwd] where it runs (default: this process's folder)
 * @returns {Promise<{ ms: number, code: number | null, stderr: string }>}
 */
export function runOnce(command, env, cwd) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command[0] ?? '', command.slice(1), {
      env,
      ...(cwd ? { cwd } : {}),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - start, code, stderr }));
  });
}

const RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("RSS "+process.resourceUsage().maxRSS+"\\n"))';

/**
 * Peak RSS in KiB: /usr/bin/time where it exists, else a hook that reports the process's own.
 * @param {string[]} nodeArgs
 * @param {Record<string, string>} env
 * @param {string} [cwd]
 */
export async function peakRss(nodeArgs, env, cwd) {
  const command =
    rssTool === TIME
      ? [TIME, '-f', 'RSS %M', process.execPath, ...nodeArgs]
      : [process.execPath, '--import', RSS_HOOK, ...nodeArgs];
  const { stderr, code } = await runOnce(command, env, cwd);
  const kib = Number(/^RSS (\d+)$/m.exec(stderr)?.[1]);
  if (code !== 0 || !kib) throw new Error(`cannot measure RSS of ${nodeArgs.join(' ')}: ${stderr}`);
  return kib;
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
