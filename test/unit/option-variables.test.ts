import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { checkOptionVariables, OUTPUT_VARIABLES } from '../../src/cli/option-variables.js';

describe('checkOptionVariables', () => {
  it.each([
    ['CCI_CONDITIONAL_DRYRUN', 'CCI_CONDITIONAL_DRY_RUN'],
    ['CCI_CONDITIONAL_DRY_RUNN', 'CCI_CONDITIONAL_DRY_RUN'],
    ['cci_conditional_dry_run', 'CCI_CONDITIONAL_DRY_RUN'],
    ['CCI_CONDITIONAL_dry_run', 'CCI_CONDITIONAL_DRY_RUN'],
    ['CCI_CONDITIONAL_RULE', 'CCI_CONDITIONAL_RULES'],
    ['CCI_CONDITIONAL_TOKEN', 'CCI_CONDITIONAL_TOKEN_ENV'],
    ['CCI_CONDITIONAL_FAIL_ON_NOMATCH', 'CCI_CONDITIONAL_FAIL_ON_NO_MATCH'],
    ['CCI_CONDITIONAL_WAITFORNODES', 'CCI_CONDITIONAL_WAIT_FOR_NODES'],
    ['CCI_CONDITIONAL_ALLOW_SUPERSEDE', 'CCI_CONDITIONAL_ALLOW_SUPERSEDED'],
    ['CCI_CONDITIONAL_PATH_BASE', 'CCI_CONDITIONAL_PATHS_BASE'],
    ['CCI_CONDITIONAL_REPODIR', 'CCI_CONDITIONAL_REPO_DIR'],
  ])('refuses %s and names %s', (variable, nearest) => {
    const attempt = () => checkOptionVariables({ [variable]: 'true' });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      `${variable} is not an option variable; did you mean ${nearest}? (see --help)`,
    );
  });

  it('refuses an unknown variable even when it is empty', () => {
    expect(() => checkOptionVariables({ CCI_CONDITIONAL_DRYRUN: '' })).toThrow(
      'CCI_CONDITIONAL_DRYRUN is not an option variable',
    );
  });

  it.each([
    ...OUTPUT_VARIABLES,
    'CCI_CONDITIONAL_REASON',
    'CCI_CONDITIONAL_BASE',
    'CCI_CONDITIONAL_PATHS_BASE',
    'CCI_CONDITIONAL_REPO_DIR',
    'CCI_CONDITIONAL_CHANGED',
    'CCI_CONDITIONAL_CHANGED_FROM',
    'CCI_CONDITIONAL_ALLOW_SUPERSEDED',
    'CCI_CONDITIONAL_ONCE',
    'CCI_CONDITIONAL_BRANCH',
    'CCI_CONDITIONAL_TAG',
    'CCI_CONDITIONAL_LOG_FORMAT',
    'CCI_CONDITIONAL_WAIT_TIMEOUT',
  ])('accepts %s, an option of some command or an output', (variable) => {
    expect(() => checkOptionVariables({ [variable]: 'x' })).not.toThrow();
  });

  it('leaves every other variable alone', () => {
    expect(() =>
      checkOptionVariables({
        CIRCLE_BRANCH: 'main',
        CCI_CONDITIONAL: 'x',
        MY_CCI_CONDITIONAL_X: '1',
      }),
    ).not.toThrow();
  });
});
