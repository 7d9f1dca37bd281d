/**
 * The checked-out repository that rules with `paths` are compared in. Opening it is the first
 * thing a run does for such a rule, before anything is read from CircleCI: without git, or
 * outside a checkout that has the build's commit, it throws a UsageError (exit 2). Each base is
 * then compared once a run, however many rules share it: one `git diff` per base.
 */

import { UsageError } from '../base/errors.js';
import type { Logger } from '../base/io.js';
import { quote } from '../core/quote.js';
import { changedFiles } from './changed-files.js';
import { checkCheckout } from './checkout.js';
import { type History, reachBase } from './reach-base.js';
import { type GitBounds, GitMissing, type GitSetup, LOCAL, runGit } from './run-git.js';

/** The changed paths, or why they cannot be told (then the rule deploys, with a warning). */
export type Compared = { paths: string[] } | { problem: string };

export interface Repository {
  /** the paths changed between `base` and the build's commit */
  changedSince(base: string): Promise<Compared>;
}

/** What opening it needs: where git runs, the build's commit, and who needs it (for the message). */
export interface RepositoryOptions extends GitSetup {
  sha: string;
  logger: Logger;
  /** `rule "api" has paths, which`: the start of the line that says what is missing */
  who: string;
}

export async function openRepository(options: RepositoryOptions): Promise<Repository> {
  const { logger } = options;
  // The commit goes to git as an argument: a commit SHA and nothing else.
  if (!/^[0-9a-f]{40}$/i.test(options.sha)) {
    throw new UsageError(
      `CIRCLE_SHA1=${quote(options.sha)} is not a commit SHA (40 hex digits): ${options.who} compare it with git`,
    );
  }
  const sha = options.sha.toLowerCase();
  const git = (args: readonly string[], bounds: GitBounds = LOCAL) =>
    runGit(options, args, bounds).catch((error: unknown) => {
      if (!(error instanceof GitMissing)) throw error;
      throw missing(options.who, 'git is not installed here (not on PATH)');
    });
  const checkout = await checkCheckout(git, options.dir, sha);
  if ('problem' in checkout) throw missing(options.who, checkout.problem);
  logger.debug(
    `paths are compared in the ${checkout.shallow ? 'shallow ' : ''}checkout in ${quote(options.dir)}`,
  );
  const history: History = { shallow: checkout.shallow, deepened: false };
  const compared = new Map<string, Promise<Compared>>();
  return {
    changedSince(base) {
      let done = compared.get(base);
      if (done === undefined) {
        done = (async (): Promise<Compared> => {
          const problem = await reachBase(git, base, sha, history, logger);
          return problem === undefined ? changedFiles(git, base, sha) : { problem };
        })();
        compared.set(base, done);
      }
      return done;
    },
  };
}

function missing(who: string, why: string): UsageError {
  return new UsageError(
    `${who} need git and the checked-out repository of this build: ${why}; run cci-conditional after the checkout step, or name the checkout with --repo-dir`,
  );
}
