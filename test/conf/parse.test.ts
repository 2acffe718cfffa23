import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConf } from '../../src/conf/parse.js';
import { formatDiagnostic } from '../../src/conf/diagnostics.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const errors = (text: string) => parseConf(text, 'f.conf').diagnostics.filter((d) => d.severity === 'error');
const lines = (text: string) => errors(text).map((d) => `${d.line}:${d.col} ${d.code}`);

describe('the tricky file of spec §11.1', () => {
  const text = [
    '# lab setup',
    'threads 8 # eight per core',
    'HANDLER vdisk_nullio {',
    '\tDEVICE null0 { size_mb 64 }',
    '\tDEVICE null1',
    '\t{',
    '\t\tsize_mb 32',
    '\t}',
    '\tDEVICE null2 {',
    '\t\tsize_mb 16#MiB',
    '\t\tt10_dev_id "null 2"',
    '\t}',
    '}',
    'TARGET_DRIVER scst_local {',
    '\tTARGET bench {',
    '\t\tsession_name bench_host',
    '\t\tLUN 0 null2',
    '\t\tLUN 1 null1 extra words',
    '\t}',
    '}',
    '',
  ].join('\n');

  it('reports each of the four surprises with its line, in one run', () => {
    // …and a fifth: t10_dev_id is an add_device parameter, where a blank splits the value.
    expect(lines(text)).toEqual(['4:17 CONF_TEXT_BEFORE_BRACE', '6:2 CONF_BRACE_ALONE', '10:13 CONF_COMMENT_EATS', '11:14 CONF_VALUE', '18:15 CONF_TOO_MANY_WORDS']);
  });
  it('still builds the model scstadmin would, for the rest', () => {
    const { config } = parseConf(text, 'f.conf');
    expect(config.attributes.threads).toEqual(['8']);
    expect(config.handlers.vdisk_nullio!.devices.null2!.attributes).toEqual({ size_mb: ['1'], t10_dev_id: ['null 2'] });
    expect(config.drivers.scst_local!.targets.bench!.luns['1']!.device).toBe('null1');
  });
  it('formats findings as file:line:col: severity: message', () => {
    const d = errors(text)[0]!;
    expect(formatDiagnostic(d)).toMatch(/^f\.conf:4:17: error: 'size_mb …' before '}'/);
  });
});

describe('files as admins write them', () => {
  it('reads CRLF line ends, no final newline, tabs and spaces mixed, empty blocks, bare DEVICE, HW_TARGET', () => {
    const text = 'HANDLER vdisk_blockio {\r\n  DEVICE vol1 {\r\n\t  filename /dev/vg0/vol1\r\n  }\r\n\tDEVICE vol2\r\n}\r\nTARGET_DRIVER qla2x00t {\r\n    TARGET 21:00:00:24:ff:01:02:03 {\r\n\t\tHW_TARGET\r\n\t\tenabled 1\r\n        LUN 0 vol1\r\n\t\tGROUP empty {\r\n\t\t}\r\n    }\r\n}';
    const r = parseConf(text, 'admin.conf');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.document.source.eol).toBe('\r\n');
    expect(r.document.source.finalNewline).toBe(false);
    const h = r.config.handlers.vdisk_blockio!;
    expect(h.devices.vol1!.attributes.filename).toEqual(['/dev/vg0/vol1']);
    expect(h.devices.vol2!.attributes).toEqual({});
    const t = r.config.drivers.qla2x00t!.targets['21:00:00:24:ff:01:02:03']!;
    expect(t.hardware).toBe(true);
    expect(t.enabled).toBe(true);
    expect(t.groups.empty).toMatchObject({ luns: {}, initiators: [] });
  });
  it('reads the admin files Perl scstadmin accepted in the recording', () => {
    for (const name of ['admin-small.conf', 'admin-changed.conf']) {
      expect(errors(fixture(name)), name).toEqual([]);
    }
  });
  it('reports a byte-order mark and reads on', () => {
    const r = parseConf('\uFEFFHANDLER vdisk_nullio {\n\tDEVICE n1\n}\n', 'bom.conf');
    expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['1:1 CONF_BOM']);
    expect(Object.keys(r.config.handlers.vdisk_nullio!.devices)).toEqual(['n1']);
  });
  it('keeps escaped hashes and backslashes', () => {
    const { config } = parseConf('comment "a \\# b \\\\ c"\n', 'x');
    expect(config.attributes.comment).toEqual(['a # b \\ c']);
  });
});

describe('errors, all of them, with line and column', () => {
  it('names the open section that is never closed', () => {
    expect(lines(fixture('broken.conf'))).toEqual(['7:1 CONF_UNCLOSED']);
  });
  it('reports a stray closing brace and keeps reading', () => {
    expect(lines('}\nHANDLER vdisk_fileio {\n\tDEVICE a b\n}\n')).toEqual(['1:1 CONF_STRAY_BRACE', '3:11 CONF_SYNTAX']);
  });
  it('refuses unquoted CHAP users, duplicate objects and conflicting values', () => {
    const text = 'TARGET_DRIVER iscsi {\n\tTARGET iqn.2024-01.a.b:t {\n\t\tIncomingUser joe secret12345678\n\t\tQueuedCommands 8\n\t\tQueuedCommands 16\n\t\tLUN 0 d1\n\t\tLUN 0 d2\n\t}\n\tTARGET iqn.2024-01.a.b:t\n}\n';
    expect(lines(text)).toEqual(['3:20 CONF_TOO_MANY_WORDS', '5:3 CONF_CONFLICT', '7:3 CONF_DUPLICATE', '9:2 CONF_DUPLICATE']);
  });
  it('refuses keywords out of place and suggests the keyword for a misspelt section', () => {
    const r = errors('TARGETDRIVER iscsi {\n}\nLUN 0 x\nHANDLER vdisk_fileio {\n\tTARGET t\n}\n');
    expect(r.map((d) => `${d.line} ${d.message}`)).toEqual([
      "1 unknown section 'TARGETDRIVER' (did you mean TARGET_DRIVER?)",
      '3 LUN is not allowed at the top level',
      '5 TARGET is not allowed inside HANDLER',
    ]);
  });
  it('validates names and values with the model rules', () => {
    const text = 'HANDLER vdisk_fileio {\n\tDEVICE dev.dot {\n\t\tfilename rel/path\n\t}\n}\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2024-01.a.b:t {\n\t\tLUN 16384 x\n\t\tIncomingUser "joe short"\n\t\tenabled yes\n\t}\n}\n';
    expect(lines(text)).toEqual(['2:9 CONF_NAME', '3:12 CONF_VALUE', '8:7 CONF_LUN', '9:16 CONF_VALUE', '10:11 CONF_VALUE']);
  });
  it('never prints a CHAP secret in a finding', () => {
    const r = parseConf('TARGET_DRIVER iscsi {\n\tIncomingUser "joe tooshort1"\n\tIncomingUser "joe averyveryverylongsecret"\n\tTARGET t { IncomingUser "bob averyveryverylongsecret" }\n\tIncomingUser bob tooshort1"\n}\n', 'x');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) expect(d.message).not.toMatch(/tooshort1|averyvery/);
  });
  it('refuses the pre-sysfs format and templates with one sentence', () => {
    expect(errors('[HANDLER vdisk]\nDEVICE a,/x\n')[0]!.code).toBe('CONF_OLD_FORMAT');
    expect(errors('HANDLER <%= @h %> {\n}\n')[0]!.code).toBe('CONF_TEMPLATE');
    expect(errors('{% for d in devs %}\n')[0]!.code).toBe('CONF_TEMPLATE');
    expect(errors('HANDLER vdisk_fileio {\n\tDEVICE {{ name }}\n}\n')[0]!.message).toMatch(/Jinja template/);
    expect(lines('HANDLER x {\n\u007fELF\u0002\u0001\u0000\u0000}\n')).toEqual(['2:7 CONF_BINARY']);
  });
  it('quotes the file\'s words escaped and shortened, so a finding stays one readable line', () => {
    const long = 'd'.repeat(5000);
    const found = parseConf(`HANDLER vdisk_nullio {\n\tDEVICE ${long}\n\tDEVICE e\u001b[2Jvil\n}\n`, 'f.conf').diagnostics;
    expect(found.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['2:9 CONF_NAME', '3:9 CONF_NAME']);
    expect(found[0]!.message).toContain(`${'d'.repeat(120)}… (5000 characters)`);
    expect(found[0]!.message.length).toBeLessThan(300);
    expect(found[1]!.message).toContain('e\\x1b[2Jvil');
    // eslint-disable-next-line no-control-regex -- control bytes are what must not reach the terminal
    for (const d of found) expect(d.message).not.toMatch(/[\u0000-\u001f]/);
  });
  it('does not take a commented-out block or a doubled brace for a template', () => {
    expect(lines('HANDLER vdisk_nullio {\n\tDEVICE n1\n#\tDEVICE n2 {\n#\t\tsize_mb 10\n#}\n}\n')).toEqual([]);
    expect(errors('HANDLER vdisk_nullio {\n\tDEVICE n1 {\n\t}}\n').map((d) => d.code)).not.toContain('CONF_TEMPLATE');
  });
});
