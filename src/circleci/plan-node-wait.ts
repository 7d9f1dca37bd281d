/**
 * What --wait-for-nodes will wait for, read from the build's environment before anything is
 * sent (and in a dry run): bad values are usage errors. The waiting is in wait-for-nodes.ts.
 */

import { UsageError } from '../base/errors.js';
import type { BuildContext } from '../core/read-context.js';
import type { Project } from './api-paths.js';
import { projectOfBuild } from './build-project.js';

export interface NodeWait {
  project: Project;
  buildNum: string;
  /** this node's index, and the node count */
  index: number;
  total: number;
}

/** What to wait for, or undefined when the job runs on one node. Bad env is a UsageError. */
export function planNodeWait(context: BuildContext, node: number): NodeWait | undefined {
  const total = Number(context.nodeTotal ?? '1');
  if (!(total > 1)) return undefined;
  const buildNum = context.buildNum;
  if (buildNum === undefined || !/^\d+$/.test(buildNum)) {
    throw new UsageError(
      `--wait-for-nodes needs CIRCLE_BUILD_NUM (this job's number), but it is ${buildNum === undefined ? 'not set' : JSON.stringify(buildNum)}`,
    );
  }
  const project = projectOfBuild(context);
  if (project === undefined) {
    throw new UsageError(
      '--wait-for-nodes needs CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME (or CIRCLE_ORGANIZATION_ID and CIRCLE_PROJECT_ID) to read this job',
    );
  }
  const index = context.nodeIndex === undefined ? node : Number(context.nodeIndex);
  return { project, buildNum, index, total };
}
