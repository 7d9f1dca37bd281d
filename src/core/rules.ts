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
