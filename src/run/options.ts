/**
 * What a run is given: its options (from the command line, already checked) and its side
 * effects (`RunDeps`), shared by the plan (plan.ts) and the sending (send.ts).
 */

import type { Logger } from '../base/io.js';
import type { ApiOptions } from '../circleci/api-options.js';
import type { ActionProgress } from '../circleci/send-actions.js';
import type { Isolate } from '../config-check/isolated.js';
import type { Env, GitRef } from '../core/read-context.js';
import type { TriggerResult } from '../core/run-result.js';

/** `host`, `tokenEnv`, `timeoutSeconds` and `retries` as api-options.ts reads them */
export interface RunOptions extends ApiOptions {
  /** path of the rules file */
  rules: string;
  dryRun: boolean;
  /** the parallel container that may trigger */
  node: number;
  /** --once: skip a target this commit already triggered */
  once?: boolean;
  /** --allow-superseded: deploy a commit of a branch that a newer push superseded */
  allowSuperseded?: boolean;
  /** --wait: follow each build or pipeline to its end */
  wait?: boolean;
  /** limit of --wait and --wait-for-nodes (default 1800) */
  waitTimeoutSeconds?: number;
  /** --wait-for-nodes: trigger only after every other parallel node succeeded */
  waitForNodes?: boolean;
  /** the loop guard (default on; --no-loop-guard turns it off) */
  loopGuard?: boolean;
  /**
   * the CircleCI config to check the fired rules against, and whether the user named it (then it
   * must exist); undefined: no check (--no-config-check)
   */
  config?: { path: string; explicit: boolean };
  /** --repo-dir: the checkout rules with paths are compared in (default: the working directory) */
  repoDir?: string;
  /** --paths-base: the commit rules with paths compare with, and the option's name as given */
  pathsBase?: { sha: string; origin: string };
}

export interface RunDeps {
  env: Env;
  readFile: (path: string) => Promise<string>;
  logger: Logger;
  /** called with the token once it is known, so every output can hide it */
  onSecret?: (secret: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** the clock of --wait, --wait-for-nodes and lookups, in ms */
  now?: () => number;
  /** the tool's version, sent as `User-Agent: cci-conditional/<version>` */
  version?: string;
  /** told the plan and each result as they come, for a run stopped by a signal */
  progress?: RunProgress;
  /** runs the config check on another thread, so that a signal never waits for it */
  isolate?: Isolate;
  /** aborted when a signal stops the run: git, run for rules with paths, stops with it */
  signal?: AbortSignal;
}

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 1800;

/** Told what a run does as it goes, so that a signal can stop it and still say what was sent. */
export interface RunProgress extends ActionProgress {
  /** the rules that fired, about to be acted on (not on a skip or a dry run) */
  planned(
    reason: string,
    header: { ref?: GitRef; sha?: string },
    actions: ReadonlyArray<Omit<TriggerResult, 'status'>>,
  ): void;
}
