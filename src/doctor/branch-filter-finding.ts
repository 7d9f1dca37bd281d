/**
 * Whether `GET /project/{slug}/pipeline?branch=` lists the project's pipelines that have no
 * `vcs` block (pipeline-definition runs): nothing shows that it does. Seen on the newest such
 * pipeline of the project's list: is it on the first page of its branch's list?
 */
import { apiPaths, type Project } from '../circleci/api-paths.js';
import { gitOfPipeline, type PipelineSummary } from '../core/trigger-signs.js';
import { type ApiReader, tryRead } from './api-reader.js';
import type { CheckPart } from './check-parts.js';

export async function branchFilterFinding(
  project: Project,
  listed: readonly unknown[],
  reader: ApiReader,
): Promise<CheckPart | undefined> {
  const withoutVcs = listed.find(
    (item): item is PipelineSummary =>
      typeof item === 'object' &&
      item !== null &&
      !(item as PipelineSummary).vcs &&
      gitOfPipeline(item as PipelineSummary).branch !== undefined,
  );
  if (!withoutVcs) return undefined;
  const branch = gitOfPipeline(withoutVcs).branch as string;
  const path = apiPaths.v2ProjectPipelines(project, branch);
  const read = await tryRead<{ items?: unknown }>(reader, path);
  if ('failure' in read) {
    return {
      status: 'warning',
      text: `could not tell whether ?branch= lists pipelines without vcs: ${read.failure.message}`,
    };
  }
  const items = Array.isArray(read.answer?.items) ? read.answer.items : [];
  if (items.some((item) => (item as PipelineSummary | null)?.id === withoutVcs.id)) {
    return { status: 'ok', text: '?branch= lists the pipelines without a vcs block too' };
  }
  return {
    status: 'warning',
    text: `GET ${path} does not list ${numbered(withoutVcs)}, which has no vcs block: ?branch= lists none of this project's pipelines without vcs, so cci-conditional also reads pipeline/mine for its own triggers here, and pushes without vcs are not seen by branch`,
  };
}

/** `pipeline 7`: ids are left out of what doctor prints. */
function numbered(pipeline: PipelineSummary): string {
  return typeof pipeline.number === 'number'
    ? `pipeline ${pipeline.number}`
    : 'a pipeline without a number';
}
