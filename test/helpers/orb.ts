/**
 * The orb in orb/ as CircleCI uses it: its components read from CircleCI's unpacked layout, a
 * command's `run` step rendered as CircleCI renders it (parameters substituted, booleans in the
 * environment written as CircleCI writes them, `<<include(...)>>` inlined), and that step run
 * with bash and a controlled environment. `npx` on its PATH is a fake that records the words it
 * was given and, when asked, runs the built CLI with them as the real npx would.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BIN, expectCurrentBuild, NODE, type Outcome, outcomeOf, ROOT } from './run-bin.js';

export const ORB = join(ROOT, 'orb');

export interface Parameter {
  type: string;
  default?: unknown;
  enum?: string[];
  description?: string;
}
export interface Component {
  description: string;
  parameters: Record<string, Parameter>;
  steps: unknown[];
}
export type Value = string | number | boolean;

export const readOrb = (path: string) => readFileSync(join(ORB, path), 'utf8');
export const orbYaml = <T = Component>(path: string) => parse(readOrb(path)) as T;

/** How CircleCI writes a boolean: `true`/`false` in text; in a step's environment, 1 or 0 too. */
export type Booleans = 'words' | 'digits';

/** CircleCI's substitution of a component's parameters into `text`, defaults filled in. */
export function substitute(
  text: string,
  parameters: Record<string, Parameter>,
  values: Record<string, Value> = {},
  booleans: Booleans = 'words',
): string {
  const given = { ...defaultsOf(parameters), ...values };
  const value = (name: string) => {
    if (!(name in given)) throw new Error(`no parameter ${name}`);
    return given[name] as Value;
  };
  const shown = (v: Value) =>
    typeof v === 'boolean' && booleans === 'digits' ? (v ? '1' : '0') : String(v);
  return text
    .replace(/<<include\(([^)]+)\)>>/g, (_, path: string) => readOrb(path))
    .replace(
      /<<([#^]) parameters\.(\w+) >>(.*?)<<\/ parameters\.\2 >>/g,
      (_, kind: string, name: string, inner: string) =>
        Boolean(value(name)) === (kind === '#') ? inner : '',
    )
    .replace(/<< parameters\.(\w+) >>/g, (_, name: string) => shown(value(name)));
}

export function defaultsOf(parameters: Record<string, Parameter>): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, p]) => [name, p.default as Value]),
  );
}

export interface RenderedStep {
  name: string;
  environment: Record<string, string>;
  script: string;
}

/** The component's one `run` step as CircleCI hands it to the shell. */
export function renderStep(
  component: Component,
  values: Record<string, Value> = {},
  booleans: Booleans = 'words',
): RenderedStep {
  const runs = component.steps.flatMap((step) =>
    typeof step === 'object' && step !== null && 'run' in step
      ? [(step as { run: { name: string; environment?: object; command: string } }).run]
      : [],
  );
  const [run] = runs;
  if (runs.length !== 1 || !run) throw new Error('a command of the orb has one run step');
  const environment = Object.fromEntries(
    Object.entries(run.environment ?? {}).map(([name, text]) => [
      name,
      substitute(String(text), component.parameters, values, booleans),
    ]),
  );
  return {
    name: run.name,
    environment,
    script: substitute(run.command, component.parameters, values, booleans),
  };
}

export interface StepRun extends Outcome {
  /** the words the step gave npx */
  npx: string[];
}

/**
 * Runs the step as CircleCI does (`bash -eo pipefail`, the step's environment over the job's).
 * With `cli`, the fake npx runs the built CLI with the words after the package, else it exits 0.
 */
export async function runStep(
  step: RenderedStep,
  env: Record<string, string>,
  options: { cli?: boolean; cwd?: string } = {},
): Promise<StepRun> {
  if (options.cli) expectCurrentBuild();
  const dir = mkdtempSync(join(tmpdir(), 'cci-conditional-orb-'));
  try {
    const npx = join(dir, 'npx');
    const record = join(dir, 'npx-words');
    writeFileSync(
      npx,
      [
        '#!/usr/bin/env bash',
        `printf '%s\\0' "$@" > ${JSON.stringify(record)}`,
        options.cli ? `shift 2; exec ${JSON.stringify(NODE)} ${JSON.stringify(BIN)} "$@"` : '',
        '',
      ].join('\n'),
    );
    chmodSync(npx, 0o755);
    const ran = await outcomeOf(
      spawn('bash', ['-eo', 'pipefail', '-c', step.script], {
        cwd: options.cwd ?? dir,
        env: { PATH: `${dir}:${process.env.PATH ?? ''}`, ...env, ...step.environment },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let words: string[] = [];
    try {
      words = readFileSync(record, 'utf8').split('\0').slice(0, -1);
    } catch {
      // npx was never called
    }
    return { ...ran, npx: words };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
