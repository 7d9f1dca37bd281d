/**
 * The checkout a rule's `paths` are compared in: a git work tree (the folder itself or one of
 * its parents) that has the build's commit. CircleCI's checkout step leaves one in the job's
 * working directory; a job may check out elsewhere (then --repo-dir names it) or have commits of
 * its own on top, which is fine: the paths are compared between two named commits.
 */
import { statSync } from 'node:fs';
import { quote } from '../core/quote.js';
import { type Git, LOCAL } from './run-git.js';

/** Whether the checkout has part of the history only (a shallow clone): its base may be missing. */
export type Checkout = { shallow: boolean } | { problem: string };

export async function checkCheckout(git: Git, dir: string, sha: string): Promise<Checkout> {
  const where = quote(dir);
  if (!isDirectory(dir)) return { problem: `${where} is not a folder` };
  const tree = await git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
  if ('failed' in tree) return { problem: `git rev-parse in ${where} failed: ${tree.failed}` };
  const [inside, shallow] = tree.stdout.toString('utf8').split('\n');
  if (tree.code !== 0 || inside !== 'true') {
    const said = tree.stderr === '' ? '' : ` (git: ${tree.stderr})`;
    return { problem: `${where} is not a git checkout${said}` };
  }
  if (!(await hasCommit(git, sha)))
    return { problem: `the checkout in ${where} does not have this build's commit ${sha}` };
  return { shallow: shallow === 'true' };
}

/**
 * Whether the object is a commit this repository has. (A partial clone may fetch a commit it
 * lacks from its origin for the asking, within the call's bounds: all the better.)
 */
export async function hasCommit(git: Git, sha: string): Promise<boolean> {
  const answer = await git(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], LOCAL);
  return 'code' in answer && answer.code === 0;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
