/**
 * Real git repositories for the tests of rules with `paths`: a working repository whose commits
 * a test makes, a bare "origin" served over file:// (with what partial and shallow clones need:
 * filters, and commits asked for by SHA, as GitHub serves them), and clones of it. git runs with
 * an empty HOME and without the system config, so that no setting of this machine plays a part;
 * `env` is that environment, for the CLI's own git too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitLab {
  root: string;
  /** what git runs with: PATH, an empty HOME, no system config, a fixed author */
  env: Record<string, string>;
  /** the working repository, on branch main */
  work: string;
  /** file:// URL of the bare origin */
  origin: string;
  git(dir: string, ...args: string[]): string;
  /** writes (or, with null, deletes) files in the working repository and commits them */
  commit(files: Record<string, string | null>, message?: string): string;
  /** pushes main to the origin (`force`: a rewritten history) */
  push(force?: boolean): void;
  /** a clone of the origin at `name`, with clone flags (`--depth=1`, `--filter=blob:none`) */
  clone(name: string, ...flags: string[]): string;
  remove(): void;
}

export function gitLab(): GitLab {
  const root = mkdtempSync(join(tmpdir(), 'cci-conditional-git-'));
  const home = join(root, 'home');
  mkdirSync(home);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: 'pipe' }).trim();
  const work = join(root, 'work');
  const bare = join(root, 'origin.git');
  mkdirSync(work);
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  // What a clone with --filter and a fetch by SHA need from a server: GitHub allows both.
  git(bare, 'config', 'uploadpack.allowFilter', 'true');
  git(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  git(work, 'remote', 'add', 'origin', bare);
  let count = 0;
  return {
    root,
    env,
    work,
    origin: `file://${bare}`,
    git,
    commit(files, message) {
      for (const [path, text] of Object.entries(files)) {
        const file = join(work, path);
        if (text === null) rmSync(file);
        else {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
      }
      git(work, 'add', '--all');
      git(work, 'commit', '--quiet', '--allow-empty', '-m', message ?? `commit ${++count}`);
      return git(work, 'rev-parse', 'HEAD');
    },
    push(force = false) {
      git(work, 'push', '--quiet', ...(force ? ['--force'] : []), 'origin', 'main');
    },
    clone(name, ...flags) {
      const dir = join(root, name);
      git(root, 'clone', '--quiet', ...flags, `file://${bare}`, dir);
      return dir;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The pack files of a repository: a fetch adds one, so equal counts mean nothing was fetched. */
export function packCount(dir: string): number {
  return readdirSync(join(dir, '.git', 'objects', 'pack')).filter((f) => f.endsWith('.pack'))
    .length;
}
