/**
 * The config check doctor runs: the one of `validate` and `run` (docs/config.md, "The config
 * check"), loaded on first use as there. Problems and warnings arrive as the lines `validate`
 * prints, fix included.
 */

import { DEFAULT_CONFIG_PATH } from '../config-check/checked-rules.js';
import type { FileCheck } from '../config-check/index.js';
import { checkConfigFileOn, type Isolate, worthIsolating } from '../config-check/isolated.js';
import type { ConfigChecker } from './config-check.js';

export const checkConfigInProcess: ConfigChecker = (input) => checkConfigOn(undefined)(input);

/** The same check on another thread (the bin's worker), so that no signal waits for it. */
export const checkConfigOn =
  (isolate: Isolate | undefined): ConfigChecker =>
  async ({ ruleSet, configPath, readFile }) => {
    const { checkConfigFile, findingAsLine } = await import('../config-check/index.js');
    const source = { path: configPath ?? DEFAULT_CONFIG_PATH, explicit: configPath !== undefined };
    // A config that could keep this thread busy for long is checked on the bin's worker thread.
    const read = readFile(source.path);
    read.catch(() => {}); // the check says what went wrong, if it reads it at all
    const far = isolate !== undefined && (await read.then(worthIsolating, () => false));
    const check =
      isolate && far
        ? await checkConfigFileOn<FileCheck>(isolate, { source, ruleSet })
        : await checkConfigFile(source, ruleSet, (path) =>
            path === source.path ? read : readFile(path),
          );
    if (!check.checked) return { checked: false, why: check.why ?? `no ${source.path}` };
    return {
      checked: true,
      file: source.path,
      problems: check.problems.map(findingAsLine),
      warnings: check.warnings.map(findingAsLine),
    };
  };
