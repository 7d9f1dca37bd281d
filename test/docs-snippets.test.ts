/**
 * Every whole CircleCI config shown in the README and docs/ fits the rules it goes with, as
 * `validate` judges it: no problem, no warning. The rules a config goes with are the nearest
 * ```json rules file above it on its page. A setup config is not checked (validate says why), a
 * config the page names as a file is checked by the console session that follows it
 * (test/docs-console.e2e.test.ts). CircleCI's schema is checked for every snippet in
 * test/config-schema.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRules } from '../src/core/parse-rules.js';
import { codeBlocks, read, userPages } from './helpers/markdown.js';
import { mainWith } from './helpers/run-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cci-conditional-snippets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Shown {
  where: string;
  config: string;
  rules: string | undefined;
}

const whole = (text: string) => {
  const config = parse(text) as Record<string, unknown> | null;
  return (
    typeof config === 'object' && config !== null && 'version' in config && 'workflows' in config
  );
};

const shown: Shown[] = userPages().flatMap((page) => {
  const blocks = codeBlocks(read(page));
  return blocks.flatMap((block, i) => {
    if (block.lang !== 'yaml' || block.file !== undefined || !whole(block.body)) return [];
    const rules = blocks
      .slice(0, i)
      .reverse()
      .find((b) => b.lang === 'json' && /"rules"\s*:/.test(b.body))?.body;
    return [{ where: `${page}:${block.line}`, config: block.body, rules }];
  });
});

async function validate(config: string, rules: string) {
  const configPath = join(dir, 'config.yml');
  const rulesPath = join(dir, 'deploy-rules.json');
  writeFileSync(configPath, config);
  writeFileSync(rulesPath, rules);
  const { code, stdout, stderr } = await mainWith(
    ['validate', '--rules', rulesPath, '--config', configPath, '--json'],
    {},
    { readFile: async (path) => readFileSync(path, 'utf8') },
  );
  return { code, result: JSON.parse(stdout), stderr };
}

describe('the CircleCI configs shown in the README and docs/', () => {
  it('are there, on the pages that explain the config', () => {
    expect(shown.length).toBeGreaterThanOrEqual(8);
    const pages = new Set(shown.map((s) => s.where.replace(/:\d+$/, '')));
    for (const page of ['docs/config.md', 'docs/modes.md', 'docs/orb.md'])
      expect(pages, page).toContain(page);
  });

  it.each(shown.map((s) => [s.where, s] as const))(
    '%s fits the rules above it',
    async (_, { config, rules }) => {
      expect(rules, 'a ```json rules file above the config on its page').toBeDefined();
      const { code, result, stderr } = await validate(config, rules ?? '');
      if ((parse(config) as { setup?: boolean }).setup === true) {
        // the config the pipeline continues with is checked instead
        expect(result.config).toMatchObject({ checked: false, problems: [] });
        expect(result.warnings.join('\n')).toContain('is a setup config (setup: true)');
        expect(code).toBe(0);
        return;
      }
      expect(result.problems ?? [], stderr).toEqual([]);
      if (result.config !== undefined) {
        expect(result.config).toMatchObject({ checked: true, problems: [], warnings: [] });
      } else {
        // the check reads the config for v2 rules of this project that start a pipeline only
        const checked = parseRules(rules ?? '').rules.filter(
          (rule) => rule.api === 'v2' && !rule.project && !rule.approve,
        );
        expect(checked).toEqual([]);
      }
      expect(code).toBe(0);
    },
  );
});
