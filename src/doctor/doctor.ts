/**
 * `doctor`: "would this work?", read-only. Five checks in order (rules, config, token, project,
 * answers), and a sixth, paths, when a rule has paths; without a token, token, project and
 * answers are problems and the others still run. Every side
 * effect comes in through `deps`; the only requests are GETs (see api-reader.ts).
 */

import { UsageError } from '../base/errors.js';
import type { Logger } from '../base/io.js';
import type { ApiOptions } from '../circleci/api-options.js';
import { type Project, slugOf } from '../circleci/api-paths.js';
import { clientFor } from '../circleci/circleci-client.js';
import { findToken } from '../circleci/find-token.js';
import { type Env, readContext } from '../core/read-context.js';
import { checkAnswers } from './answers-check.js';
import { readerOf } from './api-reader.js';
import { type ConfigChecker, runConfigCheck } from './config-check.js';
import { checkPaths } from './paths-check.js';
import { checkProjects } from './project-check.js';
import type { Check } from './report.js';
import { checkRulesFile } from './rules-check.js';
import { targetsOf } from './targets.js';
import { findThisProject, type ThisProject } from './this-project.js';
import { checkToken } from './token-check.js';

/** `host`, `tokenEnv`, `timeoutSeconds` and `retries` as api-options.ts reads them */
export interface DoctorOptions extends ApiOptions {
  /** path of the rules file */
  rules: string;
  /** --config as given; undefined: the default */
  config: string | undefined;
  /** --project: this project outside CircleCI (wins over the CIRCLE_* variables) */
  project: Project | undefined;
  /** --repo-dir: the checkout rules with paths are compared in (default: the working directory) */
  repoDir?: string | undefined;
}

export interface DoctorDeps {
  env: Env;
  readFile: (path: string) => Promise<string>;
  logger: Logger;
  /** the config check of `validate` and `run` (docs/config.md, "The config check") */
  checkConfig: ConfigChecker;
  /** called with the token once it is known, so every output can hide it */
  onSecret?: (secret: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** the tool's version, sent as `User-Agent: cci-conditional/<version>` */
  version?: string;
  /** the clone's origin URL, for the project outside CircleCI (git remote get-url origin) */
  readOriginUrl?: () => Promise<string | undefined>;
}

export async function doctor(options: DoctorOptions, deps: DoctorDeps): Promise<Check[]> {
  const rules = await checkRulesFile(options.rules, deps.readFile);
  const config = await runConfigCheck(
    rules.ruleSet,
    { configPath: options.config, readFile: deps.readFile },
    deps.checkConfig,
  );
  const pathsCheck = await checkPaths(rules.ruleSet, options.repoDir ?? '.', deps.env);
  const paths = pathsCheck ? [pathsCheck] : [];
  const context = readContext(deps.env);
  const found = await findThisProject(options.project, context, deps.readOriginUrl);
  const thisProject = found.project;
  // a slug from the clone counts as --project
  const given = found.from ? thisProject : options.project;
  const token = tokenOf(options.tokenEnv, deps.env);
  if (typeof token === 'string') {
    // the whole reason once, under token
    const none = (name: Check['name']): Check => ({
      name,
      status: 'problem',
      message: 'no token: not checked (see token)',
    });
    const tokenCheck: Check = { name: 'token', status: 'problem', message: token };
    return [
      rules.check,
      config,
      tokenCheck,
      saying(found, none('project')),
      none('answers'),
      ...paths,
    ];
  }
  deps.onSecret?.(token.value);
  const client = clientFor(token, options, deps);
  const reader = readerOf(client);
  const tokenCheck = await checkToken(token, reader);
  if (tokenCheck.stop) {
    const message = `not checked: ${tokenCheck.stop}`;
    const skipped = (name: Check['name']): Check => ({ name, status: 'problem', message });
    const project = saying(found, skipped('project'));
    return [rules.check, config, tokenCheck.check, project, skipped('answers'), ...paths];
  }
  // An invalid rules file still lets doctor look at this project.
  const targets = rules.ruleSet
    ? targetsOf(rules.ruleSet, given, context)
    : [{ project: thisProject, api: 'v2' as const, rules: [] }];
  const project = saying(found, await checkProjects(targets, reader, context));
  const answers = await checkAnswers(thisProject, reader, tokenCheck.login);
  return [rules.check, config, tokenCheck.check, project, answers, ...paths];
}

/** The token found, or why there is none (`no token: ...`). */
function tokenOf(tokenEnv: string | undefined, env: Env): { name: string; value: string } | string {
  try {
    return findToken(tokenEnv, env);
  } catch (error) {
    // A token that is set but malformed is bad input (exit 2), as in `run`.
    if (!(error instanceof UsageError) || !error.message.startsWith('no API token: ')) throw error;
    return error.message.replace(/^no API token: /, 'no token: ');
  }
}

/** The project check, saying where this project's slug came from or why the clone named none. */
function saying(found: ThisProject, check: Check): Check {
  if (found.from && found.project)
    return {
      ...check,
      message: `${check.message}; this project is ${slugOf(found.project)}, ${found.from} (--project names another)`,
    };
  if (found.note) return { ...check, message: `${check.message} (${found.note})` };
  return check;
}
