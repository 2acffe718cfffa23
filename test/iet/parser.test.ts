// ietd.conf grammar (spec §1.2-1.5, §1.9): comments, case, numbers, accidents, bad input.
import { describe, expect, it } from 'vitest';
import { parseIetNumber } from '../../src/iet/numbers.js';
import { parseLunLine } from '../../src/iet/lun-options.js';
import { codes, run } from './helpers.js';

const T = 'Target iqn.2001-04.com.example:t1\n';

describe('numbers as strtol read them', () => {
  it.each([
    ['8192', 8192, []],
    ['010', 8, ['octal']],
    ['0x2000', 8192, ['hex']],
    ['64k', 64, ['garbage']],
    ['abc', 0, ['empty']],
    ['-1', -1, []],
  ])('%s', (text, value, quirks) => {
    expect(parseIetNumber(text)).toEqual({ value, quirks });
  });
});

describe('Lun option strings', () => {
  it('keeps blanks inside a value, lower-cases only the key, skips empty items', () => {
    expect(parseLunLine(' 3 path=/srv/my disk.img,,TYPE=fileio').options).toMatchObject({ path: '/srv/my disk.img', type: 'fileio' });
  });

  it('rejects what IET rejected', () => {
    expect(parseLunLine(' 0 Path=/x,Type=FileIO').rejection?.code).toBe('IET_LUN_BAD_VALUE');
    expect(parseLunLine(' 0 Path=/x,Dest=1').rejection?.code).toBe('IET_LUN_UNKNOWN_OPTION');
    expect(parseLunLine(' 0 Path=/x,ScsiSN=').rejection?.code).toBe('IET_LUN_UNKNOWN_OPTION');
    expect(parseLunLine(' 0 Type=nullio,IOMode=wt').rejection?.code).toBe('IET_LUN_BAD_VALUE');
    expect(parseLunLine(' 0 Type=blockio').rejection?.code).toBe('IET_LUN_MISSING_PATH');
    expect(parseLunLine(' 16384 Path=/x').rejection?.code).toBe('IET_LUN_BAD_NUMBER');
    expect(parseLunLine(' 0x1 Path=/x').rejection?.code).toBe('IET_LUN_UNKNOWN_OPTION');
    expect(parseLunLine(' 0 Path=/x,ScsiId=12345678901234567').rejection?.code).toBe('IET_LUN_BAD_VALUE');
    expect(parseLunLine(' 0 Path=/x,Path=/y').rejection?.code).toBe('IET_LUN_BAD_VALUE');
  });

  it('IET before 1.4.20 wanted exact key spellings', () => {
    expect(parseLunLine(' 0 path=/x', { caseSensitiveKeys: true }).rejection?.code).toBe('IET_LUN_UNKNOWN_OPTION');
    expect(parseLunLine(' 0 Path=/x', { caseSensitiveKeys: true }).options?.path).toBe('/x');
  });
});

describe('ietd.conf lexical rules', () => {
  it('directives in any case, indented comments, CRLF line ends', () => {
    const r = run({ ietd: '  # comment\r\ntarget iqn.2001-04.com.example:t1\r\n\tLUN 0 Path=/srv/a\r\n\tmaxrecvdatasegmentlength 65536 # trailing words ignored\r\n' });
    expect(codes(r, 'error')).toEqual([]);
    expect(r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1']?.attributes.MaxRecvDataSegmentLength).toEqual(['65536']);
  });

  it('warns about a last line without newline, naming the word IET lost', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nIncomingUser u usersecret0001` });
    const finding = r.report.findings.find((f) => f.code === 'IET_NO_FINAL_NEWLINE');
    expect(finding?.location).toBe('ietd.conf:3');
    expect(finding?.message).toContain('"usersecret0001"');
  });

  it('a trailing backslash is no continuation', () => {
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/a\nAlias disk \\\n` }), 'warning')).toContain('IET_BACKSLASH_NOT_CONTINUATION');
  });

  it('target directives before the first Target are ignored, with a warning', () => {
    const r = run({ ietd: `MaxConnections 1\nLun 0 Path=/srv/z\n${T}Lun 0 Path=/srv/a\n` });
    expect(r.report.findings.filter((f) => f.code === 'IET_GLOBAL_TARGET_DIRECTIVE').map((f) => f.location)).toEqual(['ietd.conf:1', 'ietd.conf:2']);
  });
});

describe('bad input: one finding with file:line, no configuration', () => {
  it('unknown directive (IET ignored it; --ignore-unknown accepts that)', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nMaxCommands 4\n` });
    expect(r.report.blocking().map((f) => [f.code, f.location])).toEqual([['IET_DIRECTIVE_UNKNOWN', 'ietd.conf:3']]);
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/a\nMaxCommands 4\n` }, { unknownDirectives: 'warning' }), 'error')).toEqual([]);
  });

  it('an unknown directive says how to go on, names a near spelling, and is not told to use the flag already given', () => {
    const message = (options = {}) => run({ ietd: `${T}Lun 0 Path=/srv/a\nNopInInterval 5\n` }, options).report.findings.find((f) => f.code === 'IET_DIRECTIVE_UNKNOWN')?.message;
    expect(message()).toBe('unknown directive "NopInInterval" (NOPInterval misspelt?): IET ignored it silently; fix or remove the line, or pass --ignore-unknown to ignore it as IET did');
    expect(message({ unknownDirectives: 'warning' })).toBe('unknown directive "NopInInterval" (NOPInterval misspelt?): ignored, as IET did (--ignore-unknown)');
  });

  it('a misspelt IncomingUser is an error even with --ignore-unknown (CHAP silently lost)', () => {
    const r = run({ ietd: `${T}IncommingUser u usersecret0001\nLun 0 Path=/srv/a\n` }, { unknownDirectives: 'warning' });
    expect(codes(r, 'error')).toEqual(['IET_CHAP_DIRECTIVE_MISSPELT']);
  });

  it('IncomingUser or OutgoingUser with more than a name and a secret is an error naming file:line, the secret masked', () => {
    const r = run({ ietd: `${T}IncomingUser joe secret12345678 extra\nOutgoingUser out outsecret12345 x y\nLun 0 Path=/srv/a\n` });
    expect(r.report.blocking().map((f) => [f.code, f.location])).toEqual([['IET_CHAP_EXTRA_WORDS', 'ietd.conf:2'], ['IET_CHAP_EXTRA_WORDS', 'ietd.conf:3']]);
    expect(JSON.stringify(r.report.findings)).not.toContain('secret12345678');
  });

  it('a file of many bad lines keeps the first 100 errors and counts the rest', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\n${'MaxCommands 4\n'.repeat(5000)}` });
    expect(r.report.blocking()).toHaveLength(100);
    expect(r.report.blockingCount()).toBe(5000);
    expect(r.report.counts().error).toBe(5000);
    expect(r.report.blocking()[0]!.location).toBe('ietd.conf:3');
  });

  it('old User syntax is a warning naming it', () => {
    expect(codes(run({ ietd: `${T}User joe secret\nLun 0 Path=/srv/a\n` }), 'warning')).toContain('IET_OLD_USER_SYNTAX');
  });

  it('ERB and Jinja templates', () => {
    const r = run({ ietd: `${T}<% @luns.each do |l| %>\nLun 0 Path={{ path }}\n` });
    expect(r.config).toBeUndefined();
    expect(r.report.blocking().map((f) => [f.code, f.location])).toEqual([['IET_TEMPLATE', 'ietd.conf:2'], ['IET_TEMPLATE', 'ietd.conf:3']]);
  });

  it('binary junk', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\n\u0000\u0001\u0002ELF\n` });
    expect(r.report.blocking().map((f) => [f.code, f.location])).toEqual([['IET_BINARY_FILE', 'ietd.conf:3']]);
    const invalidUtf8 = Buffer.concat([Buffer.from(`${T}`), Buffer.from([0xff, 0xfe, 0x0a])]);
    const r2 = run({ ietd: invalidUtf8 });
    expect(r2.report.blocking()[0]?.code).toBe('IET_BINARY_FILE');
  });

  it('lines longer than IET read', () => {
    expect(codes(run({ ietd: `${T}Alias ${'x'.repeat(5000)}\n` }), 'error')).toEqual(['IET_LINE_TOO_LONG']);
  });

  it('Target without a name, duplicate LUN', () => {
    expect(codes(run({ ietd: 'Target\nIncomingUser u usersecret0001\n' }), 'error')).toEqual(['IET_TARGET_NO_NAME']);
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/a\nLun 0 Path=/srv/b\n` }), 'error')).toEqual(['IET_LUN_DUPLICATE']);
  });

  it('a path SCST cannot carry in add_device parameters', () => {
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/my disk.img\n` }), 'error')).toEqual(['IET_PATH_UNREPRESENTABLE']);
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/a;b\n` }), 'error')).toEqual(['IET_PATH_UNREPRESENTABLE']);
  });

  it('target names SCST cannot carry', () => {
    expect(codes(run({ ietd: 'Target iqn.2001-04.com.example:a/b\nLun 0 Path=/srv/a\n' }), 'error')).toEqual(['IET_TARGET_NAME_UNREPRESENTABLE']);
    expect(codes(run({ ietd: 'Target target1122\nLun 0 Path=/srv/a\n' }), 'warning')).toContain('IET_TARGET_NAME_NONSTANDARD');
  });
});

describe('iSNS', () => {
  it('last server wins, one Yes anywhere turns access control on', () => {
    const r = run({ ietd: `iSNSServer 10.0.0.1\niSNSAccessControl Yes\n${T}iSNSServer 10.0.0.2\niSNSAccessControl No\nLun 0 Path=/srv/a\n` });
    expect(r.config?.drivers.iscsi?.attributes.iSNSServer).toEqual(['10.0.0.2 AccessControl']);
    expect(codes(r, 'warning')).toContain('IET_ISNS_REPEATED');
  });
});

describe('values SCST or scst.conf cannot carry are refused with their place', () => {
  it('an Alias with a quote, an initiator pattern with a brace', () => {
    const alias = run({ ietd: `${T}Lun 0 Path=/srv/a\nAlias say "hi"\n` });
    expect(alias.report.blocking().map((f) => [f.code, f.location])).toEqual([['IET_VALUE_UNREPRESENTABLE', 'ietd.conf:3']]);
    const pattern = run({ ietd: `${T}Lun 0 Path=/srv/a\n`, allow: 'iqn.2001-04.com.example:t1 iqn\\.x:{a}\n' });
    expect(codes(pattern, 'error')).toEqual(['IET_ACL_PATTERN_UNSUPPORTED']);
  });
});
