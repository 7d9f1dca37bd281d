/**
 * Check 4, project: every project the rules trigger is visible to the token, through the API the
 * rules use, and GitHub App / GitLab projects (`circleci/` slugs) have the `definitionId` they need.
 */
import { paths, slugOf } from '../circleci/api-paths.js';
import type { ApiReader } from './api-reader.js';
import { tryRead } from './api-reader.js';
import type { Check } from './report.js';
import type { Target } from './targets.js';

const NO_PROJECT = 'not known outside CircleCI: pass --project gh/org/repo';

export async function checkProjects(targets: Target[], reader: ApiReader): Promise<Check> {
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
    if (project.provider === 'circleci' && target.api === 'v1.1') {
      problems.push(
        `rule(s) ${names}: API v1.1 cannot trigger ${slug} (GitHub App, GitLab): use "api": "v2" with a "definitionId"`,
      );
      continue;
    }
    if (project.provider === 'circleci') {
      const without = target.rules.filter((r) => r.definitionId === undefined && !r.approve);
      if (without.length > 0) {
        const list = without.map((rule) => `"${rule.name}"`).join(', ');
        problems.push(
          `rule(s) ${list}: ${slug} is a GitHub App or GitLab project: give the rules file or the rule a "definitionId" (Project Settings → Pipelines)`,
        );
      }
    }
    const path =
      target.api === 'v1.1' ? paths.v1ProjectBuilds(project, 1) : paths.v2Project(project);
    const read = await tryRead(reader, path);
    if ('failure' in read) problems.push(`${slug} (${target.api}): ${read.failure.message}`);
    else visible.push(`${slug} (${target.api})`);
  }
  const seen = visible.length > 0 ? `visible to the token: ${visible.join(', ')}` : '';
  if (problems.length === 0) return { name: 'project', status: 'ok', message: seen };
  const message = [...problems, ...(seen ? [seen] : [])].join('; ');
  return { name: 'project', status: 'problem', message };
}
