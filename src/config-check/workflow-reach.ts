/**
 * Which jobs of a workflow run in a pipeline, as CircleCI decides it: a job runs when its own
 * filters let it and, if it requires jobs, at least one of them runs. CircleCI's configuration
 * reference: "When jobs you list as dependencies do not execute (due to filters, for example),
 * CircleCI ignores them as dependencies for other jobs. However, if all dependencies of a job
 * are filtered, that job doesn't execute either." A `requires:` name stands for the job of that
 * name, or for every job of a matrix (its alias, else its key).
 *
 * Each job is judged once (memoized) and without recursion: a workflow of 12 layers of 4 jobs,
 * each requiring every job of the layer before, has 4^11 paths of `requires` but 48 jobs.
 */
import { type Deadline, NO_DEADLINE } from './bounds.js';
import { type JobInvocation, requiredBy, type Workflow } from './config-model.js';
import { all, any, type Truth, UNKNOWN } from './three-valued.js';

export interface Reach {
  /** Whether the job runs. */
  runs(invocation: JobInvocation): Truth;
  /**
   * When it does not run, the jobs whose filters keep it from running, up one chain of
   * `requires` (the first of each job that does not run): letting them all through makes it run.
   */
  blockers(invocation: JobInvocation): JobInvocation[];
  /** How many jobs were judged so far: each at most once. */
  readonly visits: number;
}

/** `letsRun`: whether a job's own filters let it run in this pipeline. */
export function reachIn(
  workflow: Workflow,
  letsRun: (invocation: JobInvocation) => Truth,
  deadline: Deadline = NO_DEADLINE,
): Reach {
  const required = requiredBy(workflow);
  const own = new Map<JobInvocation, Truth>();
  const judged = new Map<JobInvocation, Truth>();
  const ownOf = (invocation: JobInvocation): Truth => {
    let truth = own.get(invocation);
    if (truth === undefined) {
      truth = letsRun(invocation);
      own.set(invocation, truth);
    }
    return truth;
  };
  // A name that names no job of the workflow is a config CircleCI rejects: unknown.
  const upstream = (invocation: JobInvocation) => invocation.requires.map((name) => required(name));
  let visits = 0;

  const runs = (start: JobInvocation): Truth => {
    const stack = [start];
    const entered = new Set<JobInvocation>();
    while (stack.length > 0) {
      const invocation = stack[stack.length - 1] as JobInvocation;
      if (judged.has(invocation)) {
        stack.pop();
        continue;
      }
      if (!entered.has(invocation)) {
        entered.add(invocation);
        visits++;
        deadline.check();
        if (ownOf(invocation) !== false)
          // One still being judged is up this very chain: a cycle, which CircleCI rejects.
          for (const jobs of upstream(invocation))
            for (const job of jobs) if (!judged.has(job) && !entered.has(job)) stack.push(job);
        continue;
      }
      stack.pop();
      judged.set(invocation, judge(invocation));
    }
    return judged.get(start) ?? UNKNOWN;
  };

  const judge = (invocation: JobInvocation): Truth => {
    const truth = ownOf(invocation);
    if (truth === false || invocation.requires.length === 0) return truth;
    const each = upstream(invocation).map((jobs) =>
      jobs.length === 0 ? UNKNOWN : any(jobs.map((job) => judged.get(job) ?? UNKNOWN)),
    );
    return all([truth, any(each)]);
  };

  const blockers = (invocation: JobInvocation): JobInvocation[] => {
    const chain: JobInvocation[] = [];
    let at: JobInvocation | undefined = invocation;
    const seen = new Set<JobInvocation>();
    while (at && !seen.has(at) && runs(at) === false) {
      seen.add(at);
      if (ownOf(at) === false) chain.push(at);
      const jobs: readonly JobInvocation[] = upstream(at).flat();
      at = jobs.length > 0 && jobs.every((job) => runs(job) === false) ? jobs[0] : undefined;
    }
    return chain;
  };

  return {
    runs,
    blockers,
    get visits() {
      return visits;
    },
  };
}
