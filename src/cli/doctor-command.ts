/** The `doctor` command: its options, the five checks, the report and the exit code (0 or 1). */
import type { Logger, TextSink } from '../base/io.js';
import { readApiOptions } from '../circleci/api-options.js';
import type { Isolate } from '../config-check/isolated.js';
import type { Env } from '../core/read-context.js';
import { checkConfigOn } from '../doctor/config-check-adapter.js';
import { doctor } from '../doctor/doctor.js';
import { readOriginUrl } from '../doctor/git-remote.js';
import { exitCodeOfReport, reportOf, writeReport } from '../doctor/report.js';
import { parseProjectOption } from '../doctor/targets.js';

export interface DoctorIo {
  env: Env;
  stdout: TextSink;
  readFile: (path: string) => Promise<string>;
  logger: Logger;
  json: boolean;
  onSecret: (secret: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** where an option's value came from (`--timeout` or `CCI_CONDITIONAL_TIMEOUT`), for messages */
  originOf: (name: string) => string;
  /** sent as `User-Agent: cci-conditional/<version>` */
  version: string;
  /** runs the config check on another thread (the bin's worker) */
  isolate?: Isolate;
  /** the clone's origin URL; without it, `git remote get-url origin` in the working directory */
  readOriginUrl?: () => Promise<string | undefined>;
}

/** `args` as yargs parsed them; bad values are usage errors (exit 2) before any check runs. */
export async function doctorCommand(args: Record<string, unknown>, io: DoctorIo): Promise<number> {
  const text = (name: string) => (args[name] === undefined ? undefined : String(args[name]));
  const project = text('project');
  const checks = await doctor(
    {
      rules: String(args.rules),
      config: text('config'),
      ...readApiOptions(args, io.originOf),
      project:
        project === undefined ? undefined : parseProjectOption(project, io.originOf('project')),
      repoDir: text('repo-dir'),
    },
    {
      env: io.env,
      readFile: io.readFile,
      logger: io.logger,
      checkConfig: checkConfigOn(io.isolate),
      onSecret: io.onSecret,
      version: io.version,
      ...(io.sleep ? { sleep: io.sleep } : {}),
      readOriginUrl: io.readOriginUrl ?? (() => readOriginUrl()),
    },
  );
  const report = reportOf(checks);
  writeReport(report, io.json, io.stdout);
  return exitCodeOfReport(report);
}
