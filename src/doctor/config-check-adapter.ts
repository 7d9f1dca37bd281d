/**
 * The config check doctor runs. This build has none: it says so, and doctor reports the config
 * as not checked (a warning). Replace this adapter with one that loads --config and runs the
 * config check of contract Addition 3.
 */
import type { ConfigCheck } from './config-check.js';

export const checkConfig: ConfigCheck = async () => ({
  checked: false,
  why: 'this build has no config check',
});
