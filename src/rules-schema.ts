/**
 * The shape of the rules file, written once: it gives the TypeScript types, the runtime validator
 * and the published JSON Schema. Checks that need more than one field live in check-rules.ts.
 */
import { z } from 'zod';

const nonEmpty = z.string().min(1);
const patternList = z.array(nonEmpty).min(1);
const api = z.enum(['v2', 'v1.1']);
/** uuid of a pipeline definition (Project Settings → Pipelines) */
const definitionId = z.uuid();
const parameterValue = z.union([z.string(), z.number(), z.boolean()]);

export const ruleSchema = z
  .strictObject({
    name: nonEmpty.optional().describe('label for logs and results (default rules[i])'),
    branches: patternList
      .optional()
      .describe('patterns tested against CIRCLE_BRANCH: minimatch globs, /regex/, !exclusions'),
    tags: patternList.optional().describe('patterns tested against CIRCLE_TAG on tag builds'),
    job: nonEmpty.optional().describe('the target job'),
    parameters: z
      .record(z.string(), parameterValue)
      .optional()
      .describe('v1.1: extra build_parameters; v2: extra pipeline parameters'),
    project: z
      .string()
      .regex(/^(?:gh|bb|github|bitbucket|circleci)\/[^/\s]+\/[^/\s]+$/, {
        error:
          'must be a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>',
      })
      .optional()
      .describe('trigger in another project (default: this project)'),
    api: api.optional().describe('"v2" (default) or "v1.1" for this rule'),
    approve: nonEmpty
      .optional()
      .describe('approve the on-hold approval job of this name in the current workflow'),
    definitionId: definitionId
      .optional()
      .describe('pipeline definition id, for GitHub App and GitLab projects'),
  })
  .describe('one rule: when the build matches, trigger (or approve) the target');

export const rulesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    api: api
      .optional()
      .describe('"v2" (default): pipeline with parameters; "v1.1": legacy job trigger'),
    match: z
      .enum(['first', 'all'])
      .optional()
      .describe('"first" (default): only the first matching rule fires; "all": every one does'),
    jobParameter: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe('v2 pipeline parameter that carries the job name (default "target_job")'),
    shaParameter: z
      .string()
      .min(1)
      .max(128)
      .nullable()
      .optional()
      .describe(
        'v2 pipeline parameter that carries the commit SHA (default "target_sha"; null: none)',
      ),
    definitionId: definitionId
      .optional()
      .describe('pipeline definition id, for GitHub App and GitLab projects'),
    rules: z.array(ruleSchema).min(1),
  })
  .describe('cci-conditional rules: which branches and tags trigger which CircleCI job');

export type RulesFileInput = z.infer<typeof rulesFileSchema>;
export type RuleInput = z.infer<typeof ruleSchema>;
