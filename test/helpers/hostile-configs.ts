/** Configs beyond the config check's bounds, as an adversarial round built them. */

const HEAD = `version: 2.1
parameters:
  target_job: { type: string, default: "" }
  target_sha: { type: string, default: "" }
jobs:
  deploy_staging: { docker: [{ image: cimg/base:current }], steps: [checkout] }
`;

/** About 10 KB, nested 5,000 levels deep (flow lists in a condition). */
export const deeplyNested = (levels = 5000) =>
  `${HEAD}workflows:\n  deploy_staging:\n    when: ${'['.repeat(levels)}${']'.repeat(levels)}\n    jobs: [deploy_staging]\n`;

/** About 200 KB: a list of 20,000 entries, aliased into 999 workflows (20 million values). */
export function aliasedIntoWorkflows(entries = 20_000, workflows = 999) {
  const list = Array.from({ length: entries }, (_, i) => `j${i}`).join(', ');
  const lines = [`${HEAD}shared: &shared [${list}]`, 'workflows:'];
  for (let i = 0; i < workflows; i++) lines.push(`  w${i}: { jobs: *shared }`);
  return `${lines.join('\n')}\n`;
}

/** A pattern that backtracks exponentially, matched against a value the check knows. */
export const backtracking = (pattern = '^(a+)+$') => `${HEAD}workflows:
  deploy_staging:
    when:
      and:
        - equal: [deploy_staging, << pipeline.parameters.target_job >>]
        - matches: { pattern: "${pattern}", value: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" }
    jobs: [deploy_staging]
`;

/** A config of many jobs in one workflow, each requiring the one before: within every bound. */
export function longChain(jobs: number) {
  const entries = Array.from({ length: jobs }, (_, i) =>
    i === 0
      ? '      - deploy_staging: { name: j0 }'
      : `      - deploy_staging: { name: j${i}, requires: [j${i - 1}] }`,
  );
  return `${HEAD}workflows:\n  deploy_staging:\n    when: { equal: [j${jobs - 1}, << pipeline.parameters.target_job >>] }\n    jobs:\n${entries.join('\n')}\n`;
}
