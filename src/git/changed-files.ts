/**
 * The repository paths that changed between two commits, as `git diff --name-only --no-renames
 * -z` lists them: added, modified and deleted, a rename as both its names, relative to the
 * repository's root, separated by NUL (no quoting, no path left out for its bytes). Two trees are
 * compared: a blobless clone (CircleCI's checkout) needs no file contents for it.
 */
import { failure, type Git } from './run-git.js';

/** Most output read: about 500,000 paths; a diff beyond it is not compared. */
const MAX_BYTES = 32 * 1024 * 1024;

export async function changedFiles(
  git: Git,
  base: string,
  sha: string,
): Promise<{ paths: string[] } | { problem: string }> {
  // No option of the user's git config may change what is listed or where it is relative to.
  const args = [
    'diff',
    '--name-only',
    '--no-renames',
    '-z',
    '--no-relative',
    '--no-ext-diff',
    '--no-textconv',
    '--ignore-submodules=none',
    base,
    sha,
    '--',
  ];
  const answer = await git(args, { timeoutMs: 60_000, maxBytes: MAX_BYTES });
  const failed = failure(answer);
  if (failed !== undefined || !('code' in answer))
    return { problem: `git diff --name-only ${base} ${sha} failed: ${failed}` };
  // Lossy where a path is not UTF-8: patterns are UTF-8, and such a path still counts as changed.
  const paths = answer.stdout.toString('utf8').split('\0');
  if (paths.at(-1) === '') paths.pop();
  return { paths };
}
