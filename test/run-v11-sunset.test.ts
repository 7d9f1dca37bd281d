/**
 * The end of API v1.1 in a run: until 2027-02-01 CircleCI answers v1.1 triggers with
 * `Deprecation` and `Sunset` headers, afterwards with 410 Gone (ARCHITECTURE.md, "The end of
 * API v1.1").
 */
import { describe, expect, it } from 'vitest';
import { useFakeStartedInTest } from './helpers/fake.js';
import { baseEnv, cliWith, posts, SHA } from './helpers/run-harness.js';

const v1Rules = {
  api: 'v1.1',
  match: 'all',
  rules: [
    { name: 'review', branches: ['main'], job: 'deploy_review' },
    { name: 'docs', branches: ['main'], job: 'deploy_docs' },
  ],
};
const TRIGGER = '/api/v1.1/project/github/acme/app/tree/main';

const fake = useFakeStartedInTest();

describe('a v1.1 trigger near its end', () => {
  it('logs one warning quoting the sunset date, however many triggers carry the headers', async () => {
    await fake.start({ heads: { main: SHA } });
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, v1Rules);
    expect(code).toBe(0);
    expect(fake.builds).toHaveLength(2);
    const warnings = stderr.split('\n').filter((line) => line.includes('deprecated'));
    expect(warnings).toEqual([
      'warning: CircleCI marks the API v1.1 trigger as deprecated (sunset Mon, 01 Feb 2027 00:00:00 GMT); after that it answers 410 Gone: move these rules to API v2 (see "Moving from API v1.1 to v2" in the README)',
    ]);
  });

  it('fails (exit 1) with a hint to move to API v2 once the trigger is gone (410)', async () => {
    await fake.start({ heads: { main: SHA }, v11TriggersGone: true });
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, v1Rules);
    expect(code).toBe(1);
    expect(posts(fake).map((r) => r.path)).toEqual([TRIGGER, TRIGGER]);
    expect(stderr).toContain(
      `error: rule "review": POST ${TRIGGER}: HTTP 410 "This endpoint has been removed. Use the v2 pipeline API.": CircleCI removed the API v1.1 trigger on 2027-02-01: move the rule to API v2 ("api": "v2" with declared pipeline parameters, or "definitionId" for pipeline/run; see "Moving from API v1.1 to v2" in the README)\n`,
    );
  });
});
