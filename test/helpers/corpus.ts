/**
 * The corpus of real CircleCI configs (test/fixtures/configs/real, each file names its source,
 * commit and licence), each with rules and the verdict the config check must give: each finding
 * as `check: rule`, problems and warnings apart. `declared`: the config as it is once the
 * parameters cci-conditional sends are declared (the first fix of any adoption), so that the
 * verdict shows what the case is about.
 */
import { readFileSync } from 'node:fs';
import { configOf } from '../../src/config-check/index.js';

type Map = Record<string, unknown>;

export interface CorpusCase {
  file: string;
  /** the rules file's rules, and its other keys */
  rules: Map[];
  options?: Map;
  declared?: boolean;
  verdict: { problems: string[]; warnings: string[] };
  /** what the case shows */
  why: string;
}

const RELEASE_TAG = '/^v\\d+\\.\\d+\\.\\d+$/';
const fits = { problems: [], warnings: [] };

export const CORPUS: CorpusCase[] = [
  {
    file: 'circleci-docs.yml',
    rules: [{ name: 'production', branches: ['main'], job: 'deploy-production' }],
    declared: true,
    verdict: { problems: [], warnings: ['order: production'] },
    why: 'a dependency filtered out on main (build) is ignored; no serial group',
  },
  {
    file: 'slack-orb-test-deploy.yml',
    rules: [{ name: 'publish', tags: [RELEASE_TAG], job: 'orb-tools/publish' }],
    declared: true,
    verdict: fits,
    why: 'on a tag, on-hold (no filters.tags) is ignored as a dependency of the publishing job',
  },
  {
    file: 'slack-orb-test-deploy.yml',
    rules: [{ name: 'publish', branches: ['main'], job: 'orb-tools/publish' }],
    declared: true,
    verdict: { problems: ['reached: publish'], warnings: [] },
    why: 'branches: ignore: /.*/ lets no branch through',
  },
  {
    file: 'aws-ecr-orb-test-deploy.yml',
    rules: [{ name: 'publish', tags: [RELEASE_TAG], job: 'orb-tools/publish' }],
    declared: true,
    verdict: fits,
    why: 'a matrix without filters.tags among the dependencies is ignored on a tag',
  },
  {
    file: 'aws-ecr-orb-test-deploy.yml',
    rules: [{ name: 'login', branches: ['main'], job: 'login' }],
    declared: true,
    verdict: { problems: [], warnings: ['order: login'] },
    why: 'a matrix alias can be targeted',
  },
  {
    file: 'nx-orb-test-deploy.yml',
    rules: [{ name: 'publish', tags: [RELEASE_TAG], job: 'orb-tools/publish' }],
    declared: true,
    verdict: fits,
    why: 'a dependency that ignores every tag is ignored on a tag',
  },
  {
    file: 'nx-orb-test-deploy.yml',
    rules: [{ name: 'publish', tags: ['v*.*.*'], job: 'orb-tools/publish' }],
    declared: true,
    verdict: { problems: [], warnings: ['reached: publish'] },
    why: 'the rule fires on tags (vx.x.x) that the release filter does not let through',
  },
  {
    file: 'nx-orb-test-deploy.yml',
    rules: [{ name: 'shas', tags: ['v*'], job: 'set-shas-integration-test' }],
    declared: true,
    verdict: { problems: ['reached: shas'], warnings: [] },
    why: 'tags: ignore: /.*/ lets no tag through',
  },
  {
    file: 'vue-2.yml',
    rules: [{ name: 'regression', branches: ['regression-test'], job: 'trigger-regression-test' }],
    verdict: {
      problems: ['version: regression', 'declared: regression', 'declared: regression'],
      warnings: ['order: regression'],
    },
    why: 'a version 2 config takes no pipeline parameters; every fix says version: 2.1',
  },
  {
    file: 'vue-2.yml',
    rules: [{ name: 'regression', branches: ['regression-test'], job: 'trigger-regression-test' }],
    declared: true,
    verdict: { problems: ['version: regression'], warnings: ['order: regression'] },
    why: 'declaring the parameters in a version 2 config is not enough',
  },
  {
    file: 'react.yml',
    rules: [{ name: 'prerelease', branches: ['main'], parameters: { prerelease_commit_sha: 'x' } }],
    options: { shaParameter: null },
    verdict: fits,
    why: 'a parameter runs one workflow (when:) and skips the others (unless:)',
  },
  {
    file: 'react.yml',
    rules: [{ name: 'next', branches: ['main'], job: 'Publish to Next channel' }],
    declared: true,
    verdict: { problems: ['reached: next'], warnings: [] },
    why: 'a renamed job in a workflow that does not run with target_job: it moves out',
  },
  {
    file: 'circleci-cli.yml',
    rules: [{ name: 'release', branches: ['main'], job: 'deploy' }],
    declared: true,
    verdict: fits,
    why: 'a deploy gated by a job that runs on main only, with a serial group',
  },
  {
    file: 'circleci-cli.yml',
    rules: [{ name: 'candidate', branches: ['release/*'], job: 'deploy' }],
    declared: true,
    verdict: { problems: ['reached: candidate'], warnings: [] },
    why: 'its only dependency runs on main only: never on release/*',
  },
  {
    file: 'circleci-cli.yml',
    rules: [{ name: 'dry', branches: ['main'], job: 'dry-run' }],
    declared: true,
    verdict: { problems: ['reached: dry'], warnings: [] },
    why: 'a renamed job that ignores main; the fix names it as the config does',
  },
  {
    file: 'qqq-orb-gitflow.yml',
    rules: [{ name: 'api', tags: ['/^api-v\\d+\\.\\d+\\.\\d+$/'], job: 'qqq-orb/publish_release' }],
    declared: true,
    verdict: { problems: ['reached: api'], warnings: [] },
    why: 'a tag filter (/v.*/) that can never let the rule tag (api-v...) through',
  },
  {
    file: 'qqq-orb-gitflow.yml',
    rules: [{ name: 'release', tags: ['v*'], job: 'qqq-orb/publish_release' }],
    declared: true,
    verdict: fits,
    why: 'a tag filter that lets every tag of the rule through',
  },
  {
    file: 'qqq-orb-gitflow.yml',
    rules: [{ name: 'hotfix', branches: ['hotfix/*'], job: 'qqq-orb/publish_snapshot' }],
    declared: true,
    verdict: { problems: ['reached: hotfix'], warnings: [] },
    why: 'only: develop never lets hotfix/* through',
  },
  {
    file: 'qqq-orb-gitflow.yml',
    rules: [
      { name: 'candidate', branches: ['release/**'], job: 'qqq-orb/publish_release_candidate' },
      { name: 'feature', branches: ['feature/*'], job: 'qqq-orb/test_only' },
    ],
    declared: true,
    verdict: { problems: [], warnings: ['order: candidate', 'order: feature'] },
    why: 'filters that may let the names through are not called wrong',
  },
  {
    file: 'slack-orb-integration.yml',
    rules: [
      { name: 'integration', branches: ['master'], parameters: { 'run-integration-tests': true } },
    ],
    options: { shaParameter: null },
    verdict: fits,
    why: 'a boolean parameter gates two workflows both ways; requires through an alias',
  },
];

/** The config of a fixture, as loaded; with the sent parameters declared when `declared`. */
export function corpusConfig(c: Pick<CorpusCase, 'file' | 'declared'>): Map {
  const loaded = configOf(readFileSync(`test/fixtures/configs/real/${c.file}`, 'utf8'), c.file);
  if (loaded.status !== 'loaded') throw new Error(`${c.file}: ${loaded.status}`);
  const { config } = loaded;
  if (!c.declared) return config;
  const string = { type: 'string', default: '' };
  const parameters = { target_job: string, target_sha: string, ...(config.parameters as Map) };
  return { ...config, parameters };
}

/** The rules file's text of a case. */
export const corpusRules = (c: Pick<CorpusCase, 'rules' | 'options'>) =>
  JSON.stringify({ ...c.options, rules: c.rules });
