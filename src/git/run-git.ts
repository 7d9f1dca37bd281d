/**
 * Runs the job's own `git`, without a shell: the arguments go to git as they are, so nothing in a
 * commit name or a path is ever read by a shell. Each call is bounded in time and in output, and
 * ends with the run when a signal stops it. git is never asked for a password (a fetch that
 * would need one fails), and its messages are in English, to be quoted as they come.
 */
import { execFile } from 'node:child_process';
import type { Env } from '../core/read-context.js';

/** Where and how git runs: the checkout, the job's environment, the run's signal. */
export interface GitSetup {
  dir: string;
  env: Env;
  signal?: AbortSignal | undefined;
}

/** How long one call may take, and how much it may print. */
export interface GitBounds {
  timeoutMs: number;
  maxBytes: number;
}

/** The answer of one call; `code` is git's exit code. */
export type GitAnswer =
  | { code: number; stdout: Buffer; stderr: string }
  /** git did not run to its end: it timed out, printed more than allowed, or was stopped */
  | { failed: string };

/** One call of git in the checkout. */
export type Git = (args: readonly string[], bounds?: GitBounds) => Promise<GitAnswer>;

/** git is not on PATH (or cannot be started). */
export class GitMissing extends Error {}

/** The bounds of a call that reads the repository, and of one that fetches from its origin. */
export const LOCAL: GitBounds = { timeoutMs: 60_000, maxBytes: 1024 * 1024 };
export const FETCH: GitBounds = { timeoutMs: 120_000, maxBytes: 1024 * 1024 };

export function runGit(setup: GitSetup, args: readonly string[], bounds: GitBounds) {
  const env = {
    ...setup.env,
    // A fetch that needs credentials fails rather than waiting for a prompt no one answers.
    GIT_TERMINAL_PROMPT: '0',
    // Reading commands take no lock a later step of the job could trip over.
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
  return new Promise<GitAnswer>((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: setup.dir,
        env,
        encoding: 'buffer',
        timeout: bounds.timeoutMs,
        maxBuffer: bounds.maxBytes,
        windowsHide: true,
        ...(setup.signal ? { signal: setup.signal } : {}),
      },
      (error, stdout, stderr) => {
        const message = lastLine(stderr.toString('utf8'));
        if (error === null) return resolve({ code: 0, stdout, stderr: message });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
        if (failure.code === 'ENOENT' || failure.code === 'EACCES') {
          return reject(new GitMissing(`git could not be started (${failure.code})`));
        }
        if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return resolve({ failed: `it printed more than ${bounds.maxBytes / 1024 / 1024} MiB` });
        if (failure.name === 'AbortError') return resolve({ failed: 'the run was stopped' });
        if (failure.killed)
          return resolve({ failed: `it took longer than ${bounds.timeoutMs / 1000} s` });
        if (typeof failure.code === 'number')
          return resolve({ code: failure.code, stdout, stderr: message });
        resolve({ failed: failure.message });
      },
    );
  });
}

/**
 * The last line git wrote on stderr (its `fatal:` or `error:` line), for a message; without the
 * user info of a URL (`https://x-access-token:...@github.com`), which may be a credential.
 */
function lastLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines.at(-1)?.trim() ?? '').replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

/** `git fetch --depth=1 origin X` as a message shows the command that failed. */
export function commandLine(args: readonly string[]): string {
  return `git ${args.join(' ')}`;
}

/** What a call that did not succeed said; undefined when it succeeded. */
export function failure(answer: GitAnswer): string | undefined {
  if ('failed' in answer) return answer.failed;
  if (answer.code === 0) return undefined;
  return answer.stderr === '' ? `exit ${answer.code}` : answer.stderr;
}
