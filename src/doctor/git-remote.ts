/**
 * The URL of the clone's `origin`, from `git remote get-url origin` run without a shell in the
 * working directory; undefined when git is missing, this is no repository or it has no origin.
 */
import { execFile } from 'node:child_process';

export function readOriginUrl(cwd?: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(
      'git',
      ['remote', 'get-url', 'origin'],
      { cwd, timeout: 5000, windowsHide: true, encoding: 'utf8' },
      (error, stdout) => done(error ? undefined : stdout),
    );
  });
}
