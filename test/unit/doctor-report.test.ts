import { describe, expect, it } from 'vitest';
import {
  type Check,
  exitCodeOfReport,
  printable,
  reportOf,
  reportText,
} from '../../src/doctor/report.js';

const check = (status: Check['status'], message = 'm'): Check => ({
  name: 'token',
  status,
  message,
});

describe('the doctor report', () => {
  it.each<[Check['status'][], boolean, number, string]>([
    [['ok', 'ok'], true, 0, 'no problem found: cci-conditional can trigger with this setup'],
    [['ok', 'warning'], true, 0, 'no problem, 1 warning: read them before the first deploy'],
    [['warning', 'warning'], true, 0, 'no problem, 2 warnings: read them before the first deploy'],
    [
      ['problem', 'warning'],
      false,
      1,
      '1 problem, 1 warning: fix the problems before the first deploy',
    ],
    [
      ['problem', 'problem', 'ok'],
      false,
      1,
      '2 problems, 0 warnings: fix the problems before the first deploy',
    ],
  ])('with checks %j is ok=%s, exit %i, ending "%s"', (statuses, ok, code, summary) => {
    const report = reportOf(statuses.map((status) => check(status)));
    expect(report.ok).toBe(ok);
    expect(exitCodeOfReport(report)).toBe(code);
    expect(reportText(report).split('\n').at(-2)).toBe(summary);
  });

  it.each<[Check['name'], number]>([
    ['rules', 2],
    ['config', 2],
    ['token', 1],
    ['project', 1],
    ['answers', 1],
  ])(
    'exits %s-problem reports with %i: the files validate refuses are exit 2 in every command',
    (name, code) => {
      const checks: Check[] = [
        { name: 'token', status: 'problem', message: 'm' },
        { name, status: 'problem', message: 'm' },
      ];
      expect(exitCodeOfReport(reportOf(checks))).toBe(code);
    },
  );

  it('prints one line per check: name, status, message', () => {
    const text = reportText(
      reportOf([check('ok', 'fine'), { name: 'answers', status: 'problem', message: 'bad' }]),
    );
    expect(text.split('\n').slice(0, 2)).toEqual(['token: ok — fine', 'answers: problem — bad']);
  });

  it('escapes control characters an API answer could carry, keeping the line one line', () => {
    expect(printable('user \u001b[31mred\u001b[0m\nnext\u0085')).toBe(
      'user \\u001b[31mred\\u001b[0m\\u000anext\\u0085',
    );
    expect(reportText(reportOf([check('ok', 'a\nb')])).split('\n')[0]).toBe(
      'token: ok — a\\u000ab',
    );
  });
});
