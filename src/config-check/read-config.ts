/**
 * Reads the CircleCI config with a real YAML parser (anchors, aliases and `<<:` merge keys, as
 * CircleCI takes them). The default file missing means nothing to check; a file that is not a
 * config cci-conditional can check is a warning, never a reason to stop a deploy.
 */
import { parseDocument } from 'yaml';
import { UsageError } from '../errors.js';
import type { ConfigSource } from './checked-rules.js';
import { isMap } from './config-model.js';
import type { Finding } from './findings.js';

export type LoadedConfig =
  /** the default file does not exist */
  | { status: 'missing' }
  /** the file exists but cannot be checked; the warning says why */
  | { status: 'unchecked'; reason: string; warning: Finding }
  | { status: 'loaded'; config: Record<string, unknown> };

export async function loadConfig(
  source: ConfigSource,
  readFile: (path: string) => Promise<string>,
): Promise<LoadedConfig> {
  const { path } = source;
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !source.explicit) return { status: 'missing' };
    const why = code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message);
    throw new UsageError(
      `cannot read CircleCI config ${path}: ${why} (set --config, or --no-config-check to send without checking)`,
    );
  }
  return configOf(text, path);
}

/** The parsed config, or why it cannot be checked. */
export function configOf(text: string, path: string): LoadedConfig {
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { merge: true });
  const [error] = document.errors;
  // The first line of the yaml package's message names the place: "... at line 3, column 1:".
  if (error)
    return unchecked(
      `${path} is not valid YAML: ${error.message.split('\n')[0]?.replace(/:$/, '')}`,
    );
  let config: unknown;
  try {
    config = document.toJS({ maxAliasCount: 1000 });
  } catch (cause) {
    return unchecked(`${path} cannot be read as YAML (${(cause as Error).message})`);
  }
  if (!isMap(config))
    return unchecked(`${path} is not a map of keys (version:, jobs:, workflows:)`);
  if (config.version === undefined)
    return unchecked(`${path} has no version: key, so it is not a CircleCI config`);
  if (config.setup === true)
    return unchecked(
      `${path} is a setup config (setup: true): the config it continues with is generated when the pipeline runs`,
    );
  return { status: 'loaded', config };
}

function unchecked(reason: string): LoadedConfig {
  return {
    status: 'unchecked',
    reason,
    warning: {
      rule: undefined,
      check: 'config',
      message: `${reason}; the config is not checked against the rules`,
      fix: undefined,
    },
  };
}
