/**
 * Reads the CircleCI config with a real YAML parser (anchors, aliases and `<<:` merge keys, as
 * CircleCI takes them), within the check's bounds (bounds.ts). The default file missing means
 * nothing to check; a file that is not a config cci-conditional can check is a warning, never a
 * reason to stop a deploy.
 */
import { UsageError } from '../base/errors.js';
import { withoutBom } from '../core/without-bom.js';
import { counted, type Deadline, LIMITS, NO_DEADLINE, NotChecked } from './bounds.js';
import type { ConfigSource } from './checked-rules.js';
import { isMap } from './config-model.js';
import type { Finding } from './findings.js';
import { measureYaml } from './measure-yaml.js';
import { errorLine, parseYaml } from './parse-yaml.js';

export type LoadedConfig =
  /** the default file does not exist */
  | { status: 'missing' }
  /**
   * the file exists but cannot be checked; the warning says why. `failed`: a parser failure or a
   * bound passed, which `validate` counts as a problem
   */
  | { status: 'unchecked'; reason: string; warning: Finding; failed: boolean }
  | { status: 'loaded'; config: Record<string, unknown> };

export async function loadConfig(
  source: ConfigSource,
  readFile: (path: string) => Promise<string>,
  deadline: Deadline = NO_DEADLINE,
): Promise<LoadedConfig> {
  const { path } = source;
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !source.explicit) return { status: 'missing' };
    const why = code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message);
    const skip = source.skippable ? ', or --no-config-check to send without checking' : '';
    throw new UsageError(
      `cannot read CircleCI config ${path}: ${why} (set --config to the path of the CircleCI config${skip})`,
    );
  }
  return configOf(text, path, deadline);
}

/** The parsed config, or why it cannot be checked. */
export function configOf(text: string, path: string, deadline = NO_DEADLINE): LoadedConfig {
  const bytes = Buffer.byteLength(text);
  if (bytes > LIMITS.bytes) return failed(path, `it is larger than 5 MB (${counted(bytes)} bytes)`);
  let config: unknown;
  try {
    const { document, where } = parseYaml(withoutBom(text), deadline);
    const [error] = document.errors;
    if (error) {
      if (/call stack/i.test(error.message)) return failed(path, OUT_OF_STACK);
      return unchecked(`${path} is not valid YAML: ${errorLine(error, where)}`, true);
    }
    measureYaml(document, where, deadline);
    config = document.toJS({ maxAliasCount: -1 });
  } catch (cause) {
    if (cause instanceof NotChecked) return failed(path, cause.message);
    // The YAML parser recurses on nesting: a deep enough file overflows the stack inside it.
    if (cause instanceof RangeError) return failed(path, OUT_OF_STACK);
    return unchecked(`${path} cannot be read as YAML (${(cause as Error).message})`, true);
  }
  if (!isMap(config))
    return unchecked(`${path} is not a map of keys (version:, jobs:, workflows:)`, false);
  if (config.version === undefined)
    return unchecked(`${path} has no version: key, so it is not a CircleCI config`, false);
  if (config.setup === true)
    return unchecked(
      `${path} is a setup config (setup: true): the config it continues with is generated when the pipeline runs`,
      false,
    );
  return { status: 'loaded', config };
}

const OUT_OF_STACK = 'the YAML parser ran out of stack (the file nests too deeply)';

/** Beyond a bound: named as such, and a problem for `validate`. */
function failed(path: string, reason: string): LoadedConfig {
  return unchecked(beyondBounds(path, reason), true, '');
}

/** `.circleci/config.yml is not checked against the rules: it nests deeper than 1,000 levels` */
export const beyondBounds = (path: string, reason: string) =>
  `${path} is not checked against the rules: ${reason}`;

function unchecked(
  reason: string,
  isFailure: boolean,
  tail = '; the config is not checked against the rules',
): LoadedConfig {
  return {
    status: 'unchecked',
    reason,
    failed: isFailure,
    warning: { rule: undefined, check: 'config', message: `${reason}${tail}`, fix: undefined },
  };
}
