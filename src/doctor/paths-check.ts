/**
 * Check 6, paths (only when a rule has `paths`): such a rule needs git and the checked-out
 * repository in the job that runs cci-conditional (a run without them is exit 2). A shallow
 * clone works, at the cost of fetches when a base is older than its history; a blobless clone
 * (CircleCI's checkout) needs nothing more. Read-only: git is asked, nothing is fetched.
 */
import { quote } from '../core/quote.js';
import type { Env } from '../core/read-context.js';
import type { RuleSet } from '../core/rules.js';
import { type GitAnswer, GitMissing, runGit } from '../git/run-git.js';
import type { CheckPart } from './check-parts.js';
import { worstOf } from './check-parts.js';
import type { Check } from './report.js';

export async function checkPaths(
  ruleSet: RuleSet | undefined,
  dir: string,
  env: Env,
): Promise<Check | undefined> {
  const names = ruleSet?.rules.filter((rule) => rule.paths).map((rule) => `"${rule.name}"`) ?? [];
  if (names.length === 0) return undefined;
  const findings = await findingsOf(dir, env);
  const who = `rule(s) ${names.join(', ')} have paths, which need git and the checked-out repository in the job`;
  const message = `${who}: ${findings.map((finding) => finding.text).join('; ')}`;
  return { name: 'paths', status: worstOf(findings), message };
}

async function findingsOf(dir: string, env: Env): Promise<CheckPart[]> {
  const git = (args: string[]) =>
    runGit({ dir, env }, args, { timeoutMs: 10_000, maxBytes: 64 * 1024 }).catch((error) => {
      if (error instanceof GitMissing) return undefined;
      throw error;
    });
  const version = await git(['--version']);
  if (version === undefined) {
    return [
      { status: 'problem', text: 'git is not installed here (not on PATH): add it to the image' },
    ];
  }
  const tree = await git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
  const [inside, shallow] =
    tree && 'code' in tree && tree.code === 0 ? tree.stdout.toString('utf8').split('\n') : [];
  if (inside !== 'true') {
    // Inside a job the run would stop (exit 2); elsewhere the checkout may just be another folder.
    const status = env.CIRCLE_SHA1 ? 'problem' : 'warning';
    const text = `${quote(dir)} is not a git checkout: run cci-conditional after the checkout step (or give --repo-dir)`;
    return [versionFinding(version), { status, text }];
  }
  const filter = await git(['config', '--get', 'remote.origin.partialclonefilter']);
  const partial = filter && 'code' in filter && filter.code === 0;
  const kind = partial ? `a partial clone (${filter.stdout.toString('utf8').trim()})` : 'a clone';
  if (shallow === 'true') {
    const text = `${quote(dir)} is ${kind} with a shallow history: a base older than it is fetched (git fetch --depth=1 origin <base>, which needs an origin that serves commits by SHA) and the history deepened once by 200 commits to tell ancestry; where that fails the rule deploys with a warning. CircleCI's checkout step (full history, blobless) needs neither`;
    return [versionFinding(version), { status: 'warning', text }];
  }
  const needs = partial
    ? ' (git diff --name-only compares trees: no file contents are fetched)'
    : '';
  const text = `${quote(dir)} is ${kind} with the whole history${needs}`;
  return [versionFinding(version), { status: 'ok', text }];
}

/** The oldest git whose options cci-conditional uses (`git diff --no-relative`: 2.28). */
const OLDEST = [2, 28];

function versionFinding(answer: GitAnswer): CheckPart {
  const said = 'code' in answer ? answer.stdout.toString('utf8').trim() : 'git';
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(said) ?? []).slice(1).map(Number);
  const old = major < (OLDEST[0] ?? 0) || (major === OLDEST[0] && minor < (OLDEST[1] ?? 0));
  return old
    ? {
        status: 'warning',
        text: `${said} found, older than 2.28, whose options rules with paths use: they would deploy without comparing; update git in the image`,
      }
    : { status: 'ok', text: `${said} found` };
}
