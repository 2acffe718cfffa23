/** Several findings at once: each keeps its own hint, the summary has none unless given one. */
import { describe, expect, it } from 'vitest';
import { badInput, UserErrors } from '../../src/errors.js';
import { formatErrorLines, toErrorReport } from '../../src/ui/error-output.js';

const a = badInput('unknown attribute "foo"', { object: 'scst.conf:3:5', hint: 'see `scstadmin-ts list-attributes`' });
const b = badInput('missing closing brace', { object: 'scst.conf:9:1', hint: 'close the block opened at line 7' });
const c = badInput('duplicate LUN 0', { object: 'scst.conf:12:3' });

describe('UserErrors', () => {
  it('the summary carries no hint of its own', () => {
    const errors = new UserErrors([a, b, c], '3 errors in scst.conf');
    expect(errors.hint).toBeUndefined();
    const report = toErrorReport(errors);
    expect(report.hint).toBeUndefined();
    expect(report.errors?.map((e) => e.hint)).toEqual([a.hint, b.hint, undefined]);
  });

  it('several findings without a summary: no hint at the top either', () => {
    expect(toErrorReport(new UserErrors([a, b])).hint).toBeUndefined();
  });

  it('a single finding without a summary is that error, its hint printed once', () => {
    const report = toErrorReport(new UserErrors([a]));
    expect(report.hint).toBe(a.hint);
    expect(formatErrorLines(report)).toEqual([`scstadmin-ts: scst.conf:3:5: unknown attribute "foo"`, `hint: ${a.hint}`]);
  });

  it('text: the summary line, then each finding with its own hint once', () => {
    const lines = formatErrorLines(toErrorReport(new UserErrors([a, b, c], '3 errors in scst.conf')));
    expect(lines).toEqual([
      'scstadmin-ts: 3 errors in scst.conf',
      'scstadmin-ts: scst.conf:3:5: unknown attribute "foo"',
      `hint: ${a.hint}`,
      'scstadmin-ts: scst.conf:9:1: missing closing brace',
      `hint: ${b.hint}`,
      'scstadmin-ts: scst.conf:12:3: duplicate LUN 0',
    ]);
  });

  it('a hint given for the whole set is kept and printed once, last', () => {
    const errors = new UserErrors([a, c], '2 problems', { hint: 'fix the file and run again' });
    const report = toErrorReport(errors);
    expect(report.hint).toBe('fix the file and run again');
    const lines = formatErrorLines(report);
    expect(lines.filter((l) => l.startsWith('hint:'))).toEqual([`hint: ${a.hint}`, 'hint: fix the file and run again']);
    expect(lines.at(-1)).toBe('hint: fix the file and run again');
  });
});
