/**
 * Check 4, project: every project the rules trigger is visible to the token, through the API the
 * rules use; GitHub App projects (`circleci/` slugs) have the `definitionId` they need; a GitLab
 * project, which CircleCI documents no API trigger for, is named as such.
 */
import { apiPaths, slugOf } from '../circleci/api-paths.js';
import { gitlabSignOfProject, needsDefinitionId, noGitLabTrigger } from '../core/addressing.js';
import type { BuildContext } from '../core/read-context.js';
import type { ApiReader } from './api-reader.js';
import { tryRead } from './api-reader.js';
import type { Check } from './report.js';
import type { Target } from './targets.js';

const NO_PROJECT = 'not known outside CircleCI: pass --project gh/org/repo';

export async function checkProjects(
  targets: Target[],
  reader: ApiReader,
  context: BuildContext,
): Promise<Check> {
  const problems: string[] = [];
  const visible: string[] = [];
  for (const target of targets) {
    const names = target.rules.map((rule) => `"${rule.name}"`).join(', ');
    const { project } = target;
    if (!project) {
      problems.push(
        `${names ? `rule(s) ${names} trigger this project, ` : 'this project: '}${NO_PROJECT}`,
      );
      continue;
    }
    const slug = slugOf(project);
    const triggers = target.rules.filter((r) => !r.approve);
    if (context.gitlabRepository && triggers.some((r) => r.project === undefined)) {
      const rule = triggers.find((r) => r.project === undefined) ?? triggers[0];
      if (rule) problems.push(noGitLabTrigger(rule, slug, 'CIRCLE_REPOSITORY_URL is on GitLab'));
      continue;
    }
    if (project.provider === 'circleci' && target.api === 'v1.1') {
      problems.push(
        `rule(s) ${names}: API v1.1 cannot trigger ${slug} (GitHub App, GitLab): use "api": "v2" with a "definitionId"`,
      );
      continue;
    }
    if (project.provider === 'circleci') {
      const without = triggers.filter((r) => r.definitionId === undefined);
      if (without.length > 0) {
        const list = without.map((rule) => `"${rule.name}"`).join(', ');
        problems.push(needsDefinitionId(`rule(s) ${list}`, slug));
      }
    }
    const path =
      target.api === 'v1.1' ? apiPaths.v1ProjectBuilds(project, 1) : apiPaths.v2Project(project);
    const read = await tryRead(reader, path);
    if ('failure' in read) {
      problems.push(`${slug} (${target.api}): ${read.failure.message}`);
      continue;
    }
    visible.push(`${slug} (${target.api})`);
    const gitlab = target.api === 'v2' ? gitlabSignOfProject(read.answer) : undefined;
    const rule = triggers[0];
    if (gitlab && rule) problems.push(noGitLabTrigger(rule, slug, gitlab));
  }
  const seen = visible.length > 0 ? `visible to the token: ${visible.join(', ')}` : '';
  if (problems.length === 0) return { name: 'project', status: 'ok', message: seen };
  const message = [...problems, ...(seen ? [seen] : [])].join('; ');
  return { name: 'project', status: 'problem', message };
}
