/** Which shell commands run cci-conditional with the rules being checked. */
import { describe, expect, it } from 'vitest';
import { runsInShell } from '../../src/config-check/runs-tool.js';

const RULES = '.circleci/deploy-rules.json';

describe('runsInShell', () => {
  it.each<[string, string | undefined, boolean]>([
    ['npx cci-conditional@1', RULES, true],
    ['npx --yes cci-conditional@1.0.0 --dry-run', RULES, true],
    ['node bin/cci-conditional.js validate', RULES, true],
    ['npm test && npx cci-conditional@1 --wait', RULES, true],
    ['npx cci-conditional@1 --rules .circleci/deploy-rules.json', RULES, true],
    ['npx cci-conditional@1 --rules=./.circleci/deploy-rules.json', RULES, true],
    ["npx cci-conditional@1 --rules '.circleci/deploy-rules.json'", RULES, true],
    ['npx cci-conditional@1 --rules .circleci/promote-rules.json', RULES, false],
    ['npx cci-conditional@1 --rules "$RULES_FILE"', RULES, true],
    ["npx cci-conditional@1 --rules '<< parameters.rules >>'", RULES, true],
    ['npx cci-conditional@1 --rules .circleci/promote-rules.json', undefined, true],
    ['echo "this job is started by cci-conditional"', RULES, false],
    ["echo 'cci-conditional'", RULES, false],
    ['./deploy.sh # triggered by cci-conditional', RULES, false],
    ['npm test', RULES, false],
  ])('%s (rules %s) → %s', (command, rulesPath, expected) => {
    expect(runsInShell(command, rulesPath)).toBe(expected);
  });
});
