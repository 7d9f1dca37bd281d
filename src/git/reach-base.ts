/**
 * Whether a base can be compared with the build's commit. The checkout must have it: a clone
 * with the whole history has every ancestor of the build's commit, so a base it lacks is none
 * (the branch was force-pushed); a shallow clone may just not reach back that far, and fetches it
 * once (`git fetch --depth=1 origin <base>`). And it must be an ancestor of the build's commit;
 * where a shallow history is too short to tell, it is deepened once a run by 200 commits
 * (`git fetch --deepen=200`). Every answer but "yes" is a reason, said in one line, to deploy
 * without comparing.
 */
import type { Logger } from '../base/io.js';
import { shortSha } from '../core/quote.js';
import { hasCommit } from './checkout.js';
import { commandLine, FETCH, failure, type Git, LOCAL } from './run-git.js';

/** What is known of the checkout's history; `deepened` once it was, for the whole run. */
export interface History {
  shallow: boolean;
  deepened: boolean;
}

const DEEPEN_BY = 200;
const FETCH_FLAGS = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules'];

/** undefined when `base` can be compared with `sha`; else why not. */
export async function reachBase(
  git: Git,
  base: string,
  sha: string,
  history: History,
  logger: Logger,
): Promise<string | undefined> {
  const [from, to] = [shortSha(base), shortSha(sha)];
  if (!(await hasCommit(git, base))) {
    if (!history.shallow)
      return `${from} is not an ancestor of ${to}: this checkout has the whole history of ${to}, and not ${from} (was the branch force-pushed?)`;
    const fetch = [...FETCH_FLAGS, '--depth=1', 'origin', base];
    logger.info(`fetching ${from}, which this shallow checkout lacks: ${commandLine(fetch)}`);
    const failed = failure(await git(fetch, FETCH));
    if (failed)
      return `${from} is not in this shallow checkout, and ${commandLine(fetch)} failed: ${failed}`;
  }
  let ancestor = await isAncestor(git, base, sha);
  if (ancestor === false && history.shallow && !history.deepened) {
    history.deepened = true;
    const deepen = [...FETCH_FLAGS, `--deepen=${DEEPEN_BY}`, 'origin', sha];
    logger.info(
      `deepening this shallow checkout to tell whether ${from} is an ancestor of ${to}: ${commandLine(deepen)}`,
    );
    const failed = failure(await git(deepen, FETCH));
    if (failed)
      return `cannot tell whether ${from} is an ancestor of ${to}: the checkout is shallow, and ${commandLine(deepen)} failed: ${failed}`;
    history.shallow = await stillShallow(git);
    ancestor = await isAncestor(git, base, sha);
  }
  if (typeof ancestor === 'string') return ancestor;
  if (ancestor) return undefined;
  if (history.shallow)
    return `cannot tell whether ${from} is an ancestor of ${to}: the checkout is shallow${history.deepened ? `, also after ${DEEPEN_BY} more commits` : ''}`;
  return `${from} is not an ancestor of ${to} (was the branch force-pushed?)`;
}

/** true, false, or what went wrong. */
async function isAncestor(git: Git, base: string, sha: string): Promise<boolean | string> {
  const answer = await git(['merge-base', '--is-ancestor', base, sha], LOCAL);
  if ('code' in answer && (answer.code === 0 || answer.code === 1)) return answer.code === 0;
  return `git merge-base --is-ancestor ${shortSha(base)} ${shortSha(sha)} failed: ${failure(answer)}`;
}

async function stillShallow(git: Git): Promise<boolean> {
  const answer = await git(['rev-parse', '--is-shallow-repository'], LOCAL);
  return !('code' in answer) || answer.stdout.toString('utf8').trim() !== 'false';
}
