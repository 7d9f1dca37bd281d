/**
 * Check 5, answers: do this CircleCI's pipelines carry the signs cci-conditional recognises its
 * own triggers by? One page of this project's pipelines, inspected by field name only.
 */
import { type Project, paths, slugOf } from '../circleci/api-paths.js';
import type { ApiReader } from './api-reader.js';
import { tryRead } from './api-reader.js';
import { inspectAnswers } from './inspect-answers.js';
import type { Check } from './report.js';

const CANNOT_WORK =
  '--once, the loop guard and lost-answer lookups cannot work on this CircleCI; please report it with the output of `cci-conditional doctor --json`';

export async function checkAnswers(
  project: Project | undefined,
  reader: ApiReader,
): Promise<Check> {
  if (!project) {
    return problem('no project to observe: outside CircleCI, pass --project gh/org/repo');
  }
  const slug = slugOf(project);
  const read = await tryRead<{ items?: unknown }>(
    reader,
    paths.v2ProjectPipelines(project, undefined),
  );
  if ('failure' in read) {
    return problem(`could not read the pipelines of ${slug}: ${read.failure.message}`);
  }
  const items = read.answer?.items;
  if (!Array.isArray(items))
    return problem(`the pipelines of ${slug} came without items: ${CANNOT_WORK}`);
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
  if (missing.length === 0) {
    return {
      name: 'answers',
      status: 'ok',
      message: `${recent} carry every sign cci-conditional recognises its triggers by`,
      ...observed,
    };
  }
  const lacking = missing.map(({ sign, count }) => `${sign} missing in ${count}`).join(', ');
  return { ...problem(`in ${recent}: ${lacking}: ${CANNOT_WORK}`), ...observed };
}

function problem(message: string): Check {
  return { name: 'answers', status: 'problem', message };
}
