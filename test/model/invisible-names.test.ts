/**
 * Names holding characters an admin cannot see (bidi controls, line/paragraph separators, other
 * format characters) are refused wherever names are validated, and the message names the code
 * point instead of printing the character (which would turn the message round on screen).
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasErrors, validateName, type NameKind } from '../../src/model/validate.js';
import { mgmtCommand } from '../../src/sysfs/mgmt-command.js';

const CASES: Array<[string, string]> = [
  ['\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
  ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
  ['\u200f', 'U+200F RIGHT-TO-LEFT MARK'],
  ['\u2028', 'U+2028 LINE SEPARATOR'],
  ['\u2029', 'U+2029 PARAGRAPH SEPARATOR'],
  ['\u0085', 'U+0085 NEXT LINE'],
  ['\u200b', 'U+200B ZERO WIDTH SPACE'],
  ['\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
  ['\u00ad', 'U+00AD SOFT HYPHEN'],
  ['\u{e0001}', 'U+E0001 (an invisible format character)'],
  ['\u009b', 'U+009B (a control character)'],
];

const KINDS: Array<[NameKind, string | undefined, (hidden: string) => string]> = [
  ['device', 'vdisk_fileio', (h) => `disk${h}1`],
  ['target', 'iscsi', (h) => `iqn.2024-01.lab.test:t${h}1`],
  ['target', 'scst_local', (h) => `local${h}`],
  ['group', 'iscsi', (h) => `hosts${h}`],
  ['initiator', 'iscsi', (h) => `iqn.1993-08.org.debian:01:${h}abc`],
  ['deviceGroup', undefined, (h) => `dg${h}`],
  ['targetGroup', undefined, (h) => `tg${h}`],
];

describe('names with invisible characters', () => {
  for (const [kind, owner, make] of KINDS) {
    it(`are refused for a ${kind}${owner ? ` of ${owner}` : ''}, naming the code point`, () => {
      for (const [hidden, description] of CASES) {
        const problems = validateName(kind, make(hidden), { owner });
        expect(hasErrors(problems), description).toBe(true);
        const message = problems[0]!.message;
        expect(message).toContain(description);
        expect(message).not.toContain(hidden);
      }
    });
  }

  it('leave visible Unicode names alone', () => {
    expect(validateName('device', 'disk_ñ_é')).toEqual([]);
    expect(validateName('group', 'Speicher-Gruppe-ü', { owner: 'iscsi' })).toEqual([]);
  });

  it('never reach a mgmt command', () => {
    expect(() => mgmtCommand('add_device', [{ value: 'disk\u202e1', what: 'device name' }])).toThrow(/U\+202E RIGHT-TO-LEFT OVERRIDE/);
    expect(() => mgmtCommand('add_device', [{ value: 'disk1', what: 'device name' }], [{ name: 'filename', value: '/srv/a\u2028b' }]))
      .toThrow(/U\+2028 LINE SEPARATOR/);
  });
});

describe('check-config on a name with a bidi override', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'invisible-names-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('exits 2 with file:line and the code point', async () => {
    const file = join(scratch, 'scst.conf');
    writeFileSync(file, 'HANDLER vdisk_fileio {\n\tDEVICE disk\u202e1 {\n\t\tfilename /srv/a.img\n\t}\n}\n');
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
    const { stdout, exitCode } = await execa('node', [bin, 'check-config', file, '--offline'], { reject: false, env: { NO_COLOR: '1' } });
    expect(exitCode).toBe(2);
    expect(stdout).toContain(`${file}:2:`);
    expect(stdout).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(stdout).toContain("'disk<U+202E>1'");
    expect(stdout).not.toContain('\u202e');
  });
});
