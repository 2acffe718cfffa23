import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConf } from '../../src/conf/parse.js';
import { serializeConf } from '../../src/conf/serializer.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

// Files Perl scstadmin -write_config wrote on a real SCST (conformance recording 70, steps 14–45).
describe.each(['perl-write-14.conf', 'perl-write-32.conf', 'perl-write-43.conf', 'perl-write-45.conf'])('%s', (name) => {
  it('parses without findings and serializes byte for byte as Perl wrote it', () => {
    const text = fixture(name);
    const parsed = parseConf(text, name);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(serializeConf(parsed.config, { generator: '3.11.0-pre' })).toBe(text);
  });
});

describe('the worked example of the scst.conf reference (§11.3)', () => {
  it('is written byte for byte, and its 11-character CHAP secrets are flagged (SCST needs 12)', () => {
    const text = fixture('spec-11.3.conf');
    const parsed = parseConf(text, 'spec.conf');
    expect(parsed.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['23 CONF_VALUE', '24 CONF_VALUE']);
    expect(parsed.diagnostics.map((d) => d.message).join()).not.toContain('secret-000');
    expect(serializeConf(parsed.config, { generator: '3.11.0-pre' })).toBe(text);
  });
});

describe('the Perl file of step 14 as a model', () => {
  it('holds what scstadmin saved', () => {
    const { config } = parseConf(fixture('perl-write-14.conf'), 'x');
    expect(config.handlers.vdisk_fileio!.devices.w1!.attributes).toEqual({ filename: ['/tmp/p2.img'], nv_cache: ['1'] });
    const iscsi = config.drivers.iscsi!;
    expect(iscsi.enabled).toBe(true);
    const t = iscsi.targets['iqn.2024-01.lab.test:w1']!;
    expect(t.enabled).toBe(true);
    expect(t.attributes.IncomingUser).toEqual(['joe secret12345678']);
    expect(t.luns['0']).toMatchObject({ lun: 0, device: 'w1' });
    expect(t.groups.g1!.luns['0']!.attributes).toEqual({ read_only: ['1'] });
    expect(t.groups.g1!.initiators).toEqual(['iqn.1993-08.org.debian:01:client1']);
    expect(config.drivers.scst_local!.targets.scst_local_tgt!.attributes.session_name).toEqual(['scst_local_host']);
  });
});
