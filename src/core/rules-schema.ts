/**
 * The shape of the rules file, written once: it gives the TypeScript types, the runtime validator
 * and the published JSON Schema. Checks that need more than one field live in check-rules.ts.
 * zod/mini: the same validator as zod's classic API in a twentieth of the code the CLI loads.
 */
import * as z from 'zod/mini';
import { PROTOTYPE_KEY } from './prototype-keys.js';

// Shared parts: adding a check (a description) makes a copy, so sharing is safe and builds less.
const nonEmpty = z.string().check(z.minLength(1));
const patternList = z.array(nonEmpty).check(z.minLength(1));
const api = z.enum(['v2', 'v1.1']);
/** id of a pipeline definition (Project Settings → Pipelines): 8-4-4-4-12 hex, any version */
const definitionId = z.guid();

export { PROTOTYPE_KEY };

const notPrototypeKey = z.regex(/^(?!(?:__proto__|constructor|prototype)$)/, {
  error: PROTOTYPE_KEY,
});
const parameterValue = z.union([z.string(), z.number(), z.boolean()]);
/** An optional field with its description (shown by editors through the JSON Schema). */
const optional = <T extends z.ZodMiniType>(schema: T, description: string) =>
  z.optional(schema.check(z.describe(description)));

export const ruleSchema = z
  .strictObject({
    name: optional(nonEmpty, 'label for logs and results (default rules[i])'),
    branches: optional(
      patternList,
      'patterns tested against CIRCLE_BRANCH: minimatch globs, /regex/, !exclusions',
    ),
    tags: optional(patternList, 'patterns tested against CIRCLE_TAG on tag builds'),
    paths: optional(
      patternList,
      'branch rules: fire only when a repository path that matches (globs, /regex/, !exclusions) changed since the last successful deploy of the job',
    ),
    job: optional(nonEmpty, 'the target job'),
    parameters: optional(
      z.record(z.string().check(notPrototypeKey), parameterValue),
      'v1.1: extra build_parameters; v2: extra pipeline parameters',
    ),
    project: optional(
      z.string().check(
        // `.` or `..` as org or repo would send the request to another path of the API.
        z.regex(/^(?:gh|bb|github|bitbucket|circleci)\/(?!\.\.?\/)[^/\s]+\/(?!\.\.?$)[^/\s]+$/, {
          error:
            'must be a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>',
        }),
      ),
      'trigger in another project (default: this project)',
    ),
    api: optional(api, '"v2" (default) or "v1.1" for this rule'),
    approve: optional(
      nonEmpty,
      'approve the on-hold approval job of this name in the current workflow',
    ),
    definitionId: optional(
      definitionId,
      'pipeline definition id, run through pipeline/run: needed in GitHub App projects (GitLab projects have no API trigger)',
    ),
  })
  .check(z.describe('one rule: when the build matches, trigger (or approve) the target'));

const parameterName = z.string().check(z.minLength(1), z.maxLength(128), notPrototypeKey);

export const rulesFileSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    api: optional(api, '"v2" (default): pipeline with parameters; "v1.1": legacy job trigger'),
    match: optional(
      z.enum(['first', 'all']),
      '"first" (default): only the first matching rule fires; "all": every one does',
    ),
    jobParameter: optional(
      parameterName,
      'v2 pipeline parameter that carries the job name (default "target_job")',
    ),
    shaParameter: optional(
      z.nullable(parameterName),
      'v2 pipeline parameter that carries the commit SHA (default "target_sha"; null: none)',
    ),
    definitionId: optional(
      definitionId,
      'pipeline definition id, run through pipeline/run: needed in GitHub App projects (GitLab projects have no API trigger)',
    ),
    rules: z.array(ruleSchema).check(z.minLength(1)),
  })
  .check(z.describe('cci-conditional rules: which branches and tags trigger which CircleCI job'));
