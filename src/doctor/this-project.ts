/**
 * The project `doctor` calls this project: --project, else the one the CIRCLE_* variables of a
 * job name, else, outside CircleCI, the one the clone's origin names on github.com or
 * bitbucket.org. Says where a slug from the clone came from, never the URL (it may hold a token).
 */
import type { Project } from '../circleci/api-paths.js';
import { projectOfBuild } from '../circleci/build-project.js';
import type { BuildContext } from '../core/read-context.js';
import { projectOfRemote } from './remote-project.js';

export const FROM_ORIGIN = 'from `git remote get-url origin`';

export interface ThisProject {
  project: Project | undefined;
  /** FROM_ORIGIN when the slug came from the clone */
  from?: string;
  /** why the clone's origin named no project */
  note?: string;
}

export async function findThisProject(
  given: Project | undefined,
  context: BuildContext,
  readOriginUrl: (() => Promise<string | undefined>) | undefined,
): Promise<ThisProject> {
  const project = given ?? projectOfBuild(context);
  if (project || !readOriginUrl) return { project };
  const url = await readOriginUrl();
  if (url === undefined) return { project: undefined };
  const fromOrigin = projectOfRemote(url);
  return fromOrigin
    ? { project: fromOrigin, from: FROM_ORIGIN }
    : {
        project: undefined,
        note: 'the origin of this clone is not on github.com or bitbucket.org',
      };
}
