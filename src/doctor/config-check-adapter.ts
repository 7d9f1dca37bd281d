/**
 * The config check doctor runs: contract Addition 3's, loaded on first use like in `validate`
 * and `run`. Problems and warnings arrive as the lines `validate` prints, fix included.
 */
import { DEFAULT_CONFIG_PATH } from '../config-check/checked-rules.js';
import type { ConfigCheck } from './config-check.js';

export const checkConfig: ConfigCheck = async ({ ruleSet, configPath, readFile }) => {
  const { checkConfigFile, findingAsLine } = await import('../config-check/index.js');
  const source = { path: configPath ?? DEFAULT_CONFIG_PATH, explicit: configPath !== undefined };
  const check = await checkConfigFile(source, ruleSet, readFile);
  if (!check.checked) return { checked: false, why: check.why ?? `no ${source.path}` };
  return {
    checked: true,
    file: source.path,
    problems: check.problems.map(findingAsLine),
    warnings: check.warnings.map(findingAsLine),
  };
};
