/** The validated rules a decision is made from. */
export type Api = 'v2' | 'v1.1';

export type ParameterValue = string | number | boolean;

export interface Rule {
  /** position in the file, for messages */
  index: number;
  /** the rule's `name`, or `rules[i]` */
  name: string;
  /** patterns for branch builds; undefined: the rule never fires on a branch build */
  branches: readonly string[] | undefined;
  /** patterns for tag builds; undefined: the rule never fires on a tag build */
  tags: readonly string[] | undefined;
  /**
   * patterns of repository paths (branch rules): the rule fires only when one that changed since
   * its last successful deploy matches; undefined: the branch alone decides
   */
  paths: readonly string[] | undefined;
  /** the target job (absent for v2 rules driven by parameters alone, and for approve rules) */
  job: string | undefined;
  /** extra build_parameters (v1.1) or pipeline parameters (v2) */
  parameters: Readonly<Record<string, ParameterValue>>;
  /** slug of another project to trigger in; undefined: this project */
  project: string | undefined;
  /** the API this rule triggers through (the rule's, else the file's, else v2) */
  api: Api;
  /** name of the on-hold approval job to approve in the current workflow */
  approve: string | undefined;
  /** pipeline definition id (rule's, else file's), run through pipeline/run: needed in GitHub App projects */
  definitionId: string | undefined;
}

export interface RuleSet {
  /** first: only the first matching rule fires; all: every matching rule, in file order */
  match: 'first' | 'all';
  /** v2 pipeline parameter carrying the job name */
  jobParameter: string;
  /** v2 pipeline parameter carrying the commit SHA; null sends none */
  shaParameter: string | null;
  rules: readonly Rule[];
}

/**
 * A rules file as it is written (the JSON before defaults are filled in): the shape that
 * rules-schema.ts checks, written out for readers and for the published types, which import no
 * zod. test/unit/rules-file-type.test.ts holds it equal to what the schema infers.
 */
export interface RulesFile {
  /** the JSON Schema editors check the file with */
  $schema?: string | undefined;
  /** the API of every rule that names none (default v2) */
  api?: Api | undefined;
  /** first (default): only the first matching rule fires; all: every one does */
  match?: 'first' | 'all' | undefined;
  /** v2 pipeline parameter that carries the job name (default target_job) */
  jobParameter?: string | undefined;
  /** v2 pipeline parameter that carries the commit SHA (default target_sha; null: none) */
  shaParameter?: string | null | undefined;
  /** pipeline definition id of every rule that names none (GitHub App projects) */
  definitionId?: string | undefined;
  rules: RuleInFile[];
}

/** One rule as it is written; Rule is the same with its defaults filled in. */
export interface RuleInFile {
  name?: string | undefined;
  branches?: string[] | undefined;
  tags?: string[] | undefined;
  paths?: string[] | undefined;
  job?: string | undefined;
  parameters?: Record<string, ParameterValue> | undefined;
  project?: string | undefined;
  api?: Api | undefined;
  approve?: string | undefined;
  definitionId?: string | undefined;
}

/**
 * The rules file's schema as the package exports it: `safeParse` checks the shape of a parsed
 * rules file (zod underneath; schema.json is the same as JSON Schema). parseRules does that and
 * the checks across fields, with messages.
 */
export interface RulesFileSchema {
  safeParse(json: unknown): RulesFileShape;
}

export type RulesFileShape =
  | { success: true; data: RulesFile }
  | {
      success: false;
      error: { issues: ReadonlyArray<{ code: string; path: PropertyKey[]; message: string }> };
    };
