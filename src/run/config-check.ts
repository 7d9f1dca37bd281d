/**
 * The config check of a run, for the rules that fired, before anything is sent. A config that
 * could keep a thread busy for long (a large file, or one with YAML aliases, which can multiply
 * it) is checked on the bin's worker thread, so that a signal never waits for it; the others, the
 * usual small configs, here, which costs no thread's start-up (about 30 ms).
 * See ARCHITECTURE.md, "The config check on a worker thread".
 */

import { UsageError } from '../base/errors.js';
import type { ConfigSource } from '../config-check/checked-rules.js';
import { checkBeforeSendingOn, worthIsolating } from '../config-check/isolated.js';
import type { GitRef } from '../core/read-context.js';
import type { Rule, RuleSet } from '../core/rules.js';
import type { RunDeps, RunOptions } from './options.js';

export async function checkConfigOfRun(
  source: ConfigSource,
  rules: { ruleSet: RuleSet; fired: Rule[]; ref: GitRef },
  options: Pick<RunOptions, 'rules'>,
  deps: RunDeps,
): Promise<void> {
  const { logger } = deps;
  // A config that is not there (and not named by --config) is not checked, and then the check
  // is not even loaded: the file is read first, once, and the check reads what was read.
  const text = (async () => deps.readFile(source.path))();
  const missing = await text.then(
    () => false,
    (error: NodeJS.ErrnoException) => !source.explicit && error?.code === 'ENOENT',
  );
  if (missing) {
    logger.debug(`${source.path} not checked against the rules (no such file)`);
    return;
  }
  const { ruleSet, fired, ref } = rules;
  if (deps.isolate && (await text.then(worthIsolating, () => false))) {
    const input = { source, ruleSet, fired, ref, rulesPath: options.rules };
    await checkBeforeSendingOn(deps.isolate, input, logger).catch((error: unknown) => {
      if (error instanceof UsageError) throw error;
      // The thread of the check failed (out of memory, say): the config is not checked.
      logger.warn(
        `${source.path} could not be checked against the rules (${(error as Error)?.message}); the config is not checked against the rules`,
      );
    });
    return;
  }
  // Loaded only here: the skip paths never load the YAML parser.
  const { checkBeforeSending } = await import('../config-check/before-sending.js');
  await checkBeforeSending(source, ruleSet, fired, ref, {
    ...deps,
    readFile: (path) => (path === source.path ? text : deps.readFile(path)),
    rulesPath: options.rules,
  });
}
