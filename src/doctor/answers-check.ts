/**
 * Check 5, answers: do this CircleCI's pipelines carry the signs cci-conditional recognises its
 * own triggers by? One page of this project's pipelines, inspected by field name only; then
 * whether `trigger.actor.login` of the token user's API pipelines is the `/me` login, and
 * whether `?branch=` lists the pipelines that have no `vcs` block.
 */
import { apiPaths, type Project, slugOf } from '../circleci/api-paths.js';
import type { ApiReader } from './api-reader.js';
import { tryRead } from './api-reader.js';
import { branchFilterFinding } from './branch-filter-finding.js';
import { type CheckPart, worstOf } from './check-parts.js';
import { inspectAnswers } from './inspect-answers.js';
import type { Check } from './report.js';
import { whoFinding } from './who-finding.js';

const CANNOT_WORK =
  '--once, the loop guard and lost-answer lookups cannot work on this CircleCI; please report it with the output of `cci-conditional doctor --json`';

export async function checkAnswers(
  project: Project | undefined,
  reader: ApiReader,
  login: string | undefined,
): Promise<Check> {
  if (!project) {
    return problem('no project to observe: outside CircleCI, pass --project gh/org/repo');
  }
  const slug = slugOf(project);
  const read = await tryRead<{ items?: unknown }>(
    reader,
    apiPaths.v2ProjectPipelines(project, undefined),
  );
  if ('failure' in read) {
    return problem(`could not read the pipelines of ${slug}: ${read.failure.message}`);
  }
  const listed = read.answer?.items;
  if (!Array.isArray(listed))
    return problem(`the pipelines of ${slug} came without items: ${CANNOT_WORK}`);
  // Entries that are not objects are skipped, as every run skips them, and said so.
  const items = listed.filter(
    (item) => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
  const skipped = listed.length - items.length;
  const { pipelines, fields, missing } = inspectAnswers(items);
  const observed = { pipelines, fields };
  if (pipelines === 0) {
    return {
      name: 'answers',
      status: 'warning',
      message: `${slug} has no pipelines yet, so there is nothing to observe: run doctor again after its first build`,
      ...observed,
    };
  }
  const recent = `the ${pipelines} recent pipeline(s) of ${slug}`;
  const lacking = missing.map(({ sign, count }) => `${sign} missing in ${count}`).join(', ');
  const findings: CheckPart[] = [
    missing.length === 0
      ? {
          status: 'ok',
          text: `${recent} carry every sign cci-conditional recognises its triggers by`,
        }
      : { status: 'problem', text: `in ${recent}: ${lacking}: ${CANNOT_WORK}` },
  ];
  if (skipped > 0) {
    findings.push({
      status: 'warning',
      text: `${skipped} listed ${skipped === 1 ? 'entry is' : 'entries are'} not an object: skipped`,
    });
  }
  const who = login === undefined ? undefined : await whoFinding(project, login, items, reader);
  if (who) findings.push(who);
  const branches = await branchFilterFinding(project, items, reader);
  if (branches) findings.push(branches);
  return {
    name: 'answers',
    status: worstOf(findings),
    message: findings.map((finding) => finding.text).join('; '),
    ...observed,
  };
}

function problem(message: string): Check {
  return { name: 'answers', status: 'problem', message };
}
