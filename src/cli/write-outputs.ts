/**
 * Outputs for later steps of the job: `export` lines appended to $BASH_ENV, which bash sources
 * before every later step. Values are single-quoted, so nothing in them is ever run.
 */
import type { Env } from '../core/read-context.js';
import type { DecisionName, RunResult } from '../core/run-result.js';
import type { OutputVariable } from './option-variables.js';

/** The variables written, each one of OUTPUT_VARIABLES. */
export type OutputValues = Partial<Record<OutputVariable, string>>;

/** `it's` → `'it'\''s'`: inside single quotes bash expands nothing, a `'` is closed and escaped. */
export function shellQuote(value: string): string {
  // A NUL cannot be part of a shell variable; bash would cut the value there.
  return `'${value.replaceAll('\0', '').replaceAll("'", "'\\''")}'`;
}

/**
 * The variables: the decision always; the first triggered rule's build (v1.1) or pipeline (v2)
 * whenever one was triggered, also when something failed after it (a rerun must see it).
 */
export function outputsOf(decision: DecisionName, result?: RunResult): OutputValues {
  const outputs: OutputValues = { CCI_CONDITIONAL_DECISION: decision };
  if (result === undefined) return outputs;
  // The one machine-readable reason: every fired rule was superseded by a newer push.
  if (result.decision === 'skipped' && result.reason === 'superseded')
    outputs.CCI_CONDITIONAL_REASON = 'superseded';
  // The commit a rule's paths were compared with: of the first rule triggered that compared
  // them, else of the first that compared them (and was skipped for them).
  const compared = result.triggers.filter((t) => t.paths?.changed != null && t.paths.base);
  const base = compared.find((t) => t.status === 'triggered') ?? compared[0];
  if (base?.paths?.base) outputs.CCI_CONDITIONAL_BASE = base.paths.base;
  const first = result.triggers.find((t) => t.status === 'triggered');
  // What CircleCI's answer did not name is not written (the log says it was missing).
  if (first?.build) {
    if (first.build.url !== undefined) outputs.CCI_CONDITIONAL_BUILD_URL = first.build.url;
    outputs.CCI_CONDITIONAL_BUILD_NUM = String(first.build.number);
  } else if (first?.pipeline) {
    outputs.CCI_CONDITIONAL_PIPELINE_ID = first.pipeline.id;
    if (first.pipeline.number !== undefined)
      outputs.CCI_CONDITIONAL_PIPELINE_NUMBER = String(first.pipeline.number);
  }
  return outputs;
}

/** The text to append; it starts with a newline in case the file does not end with one. */
export function exportLines(outputs: Record<string, string>): string {
  const lines = Object.entries(outputs).map(
    ([name, value]) => `export ${name}=${shellQuote(value)}`,
  );
  return `\n${lines.join('\n')}\n`;
}

/** What writes the outputs: each call appends what the run says now, unless it said it already. */
export interface Outputs {
  /** `undefined`: the run ended in an error, the decision is `failed` */
  write(result: RunResult | undefined): Promise<void>;
}

/**
 * Appends the outputs to $BASH_ENV when it is set: as soon as a trigger is accepted (a step after
 * this one must know the pipeline even if this one is stopped), and when the run ends. Bash reads
 * the file in order, so the last lines count; lines the same as the last written are not written
 * again. A file that cannot be written is a warning, not a new failure.
 */
export function createOutputs(
  env: Env,
  appendFile: ((path: string, text: string) => Promise<void>) | undefined,
  warn: (message: string) => void,
): Outputs {
  const path = env.BASH_ENV;
  let last: string | undefined;
  let writing = Promise.resolve();
  return {
    write(result) {
      if (!path || !appendFile) return writing;
      const text = exportLines(outputsOf(result?.decision ?? 'failed', result));
      if (text === last) return writing;
      last = text;
      writing = writing.then(async () => {
        try {
          await appendFile(path, text);
        } catch (error) {
          warn(`could not write the outputs to BASH_ENV ${path}: ${(error as Error).message}`);
        }
      });
      return writing;
    },
  };
}
