/**
 * The paths a run can take, for the load map (test/helpers/load-map.ts): each is the arguments,
 * the environment on top of a CircleCI build of `main` and the files of the run's folder.
 */

export const SHA = '0123456789abcdef0123456789abcdef01234567';

/** One path of a run: its arguments, environment and files. */
export interface Path {
  args: string[];
  env?: Record<string, string>;
  /** files of the run's folder */
  files?: Record<string, string>;
  /** needs the fake CircleCI: `--host` is added */
  host?: boolean;
  /** the exit code it ends with (0 when not said) */
  exitCode?: number;
}

/** What CircleCI sets in a job of a build of main, as every path starts from. */
export const BUILD_ENV = {
  CIRCLE_BRANCH: 'main',
  CIRCLE_SHA1: SHA,
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'app',
  CIRCLE_REPOSITORY_URL: 'git@github.com:acme/app.git',
};

const job = { branches: ['main'], job: 'deploy' };
const rules = (...list: unknown[]) => JSON.stringify({ rules: list });
const good = { 'rules.json': rules(job) };
const smallConfig = `version: 2.1
parameters:
  target_job: { type: string, default: "" }
  target_sha: { type: string, default: "" }
workflows:
  deploy:
    when: << pipeline.parameters.target_job >>
    jobs: [deploy]
jobs:
  deploy: { docker: [{ image: cimg/base:current }], steps: [checkout] }
`;
/** Larger than what is checked on the calling thread (64 KiB). */
const largeConfig = `${smallConfig}${'# padding to make the config large\n'.repeat(2000)}`;
const tenGlobs = Array.from({ length: 10 }, (_, i) => ({
  branches: [`release-${i}/**`],
  job: 'deploy',
}));

export const PATHS = {
  skip: { args: ['--rules', 'rules.json'], env: { CIRCLE_BRANCH: 'dev' }, files: good },
  'skip, 10 rules with globs': {
    args: ['--rules', 'rules.json'],
    env: { CIRCLE_BRANCH: 'feature/x' },
    files: { 'rules.json': rules(...tenGlobs) },
  },
  'dry run': { args: ['--rules', 'rules.json', '--dry-run'], files: good },
  'dry run of a glob': {
    args: ['--rules', 'rules.json', '--dry-run'],
    env: { CIRCLE_BRANCH: 'release/1' },
    files: { 'rules.json': rules({ branches: ['release/**'], job: 'deploy' }) },
  },
  trigger: {
    args: ['--rules', 'rules.json'],
    env: {
      CIRCLE_API_TOKEN: 'test-token',
      CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/app/41',
      CIRCLE_JOB: 'build',
    },
    files: good,
    host: true,
  },
  'json logs': {
    args: ['--rules', 'rules.json', '--log-format', 'json'],
    env: { CIRCLE_BRANCH: 'dev' },
    files: good,
  },
  'bad rules file': {
    args: ['--rules', 'rules.json'],
    files: { 'rules.json': rules({ branches: [], job: 'deploy' }) },
    exitCode: 2,
  },
  'rules file that is no JSON': {
    args: ['--rules', 'rules.json'],
    files: { 'rules.json': '{"rules": [' },
    exitCode: 2,
  },
  check: { args: ['check', '--rules', 'rules.json', '--branch', 'main'], files: good },
  validate: { args: ['validate', '--rules', 'rules.json'], files: good },
  help: { args: ['--help'] },
  'dry run with a config': {
    args: ['--rules', 'rules.json', '--dry-run'],
    files: { ...good, '.circleci/config.yml': smallConfig },
  },
  'dry run with a large config': {
    args: ['--rules', 'rules.json', '--dry-run'],
    files: { ...good, '.circleci/config.yml': largeConfig },
  },
  'dry run of a rule with paths': {
    args: ['--rules', 'rules.json', '--dry-run'],
    files: { 'rules.json': rules({ ...job, paths: ['app/**'] }) },
  },
  'skip of a rule with paths': {
    args: ['--rules', 'rules.json'],
    env: { CIRCLE_BRANCH: 'dev' },
    files: { 'rules.json': rules({ ...job, paths: ['app/**'] }) },
  },
} satisfies Record<string, Path>;

export type PathName = keyof typeof PATHS;
