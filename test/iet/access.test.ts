// initiators.allow / initiators.deny / targets.allow → ini groups and allowed_portal (spec §2, §3.7, §3.8, pitfalls 16-17).
import { describe, expect, it } from 'vitest';
import { translateRegex } from '../../src/iet/wildcards.js';
import { codes, run } from './helpers.js';

const NAME = 'iqn.2001-04.com.example:t1';
const IETD = `Target ${NAME}\nLun 0 Path=/srv/a\n`;
const target = (r: ReturnType<typeof run>) => r.config?.drivers.iscsi?.targets[NAME];

describe('regex → SCST wildcards', () => {
  it.each([
    ['iqn\\.1991-05\\.com\\.microsoft:app0[1-2]\\..*', ['iqn.1991-05.com.microsoft:app01.*', 'iqn.1991-05.com.microsoft:app02.*']],
    ['iqn.1994-05.com.redhat:host1', ['iqn?1994-05?com?redhat:host1']],
    ['.*', ['*']],
    ['iqn\\.x:[ab][12]', ['iqn.x:a1', 'iqn.x:a2', 'iqn.x:b1', 'iqn.x:b2']],
  ])('%s', (regex, wildcards) => {
    expect(translateRegex(regex)).toEqual({ kind: 'wildcards', wildcards });
  });

  it.each([['^iqn.*'], ['iqn.*$'], [''], ['iqn[ab']])('%s never matched in IET', (regex) => {
    expect(translateRegex(regex).kind).toBe('never-matched');
  });

  it.each([['iqn\\.x:a*'], ['iqn\\(a\\)'], ['iqn[^a]'], ['[a-z][a-z]'], ['iqn?'], ['a\\{2\\}']])('%s is refused', (regex) => {
    expect(translateRegex(regex).kind).toBe('refused');
  });
});

describe('initiator access (1.4.18+ logic)', () => {
  it('no access files: the default LUN set', () => {
    expect(Object.keys(target(run({ ietd: IETD }))?.luns ?? {})).toEqual(['0']);
  });

  it('allow file with no applicable line and no deny file: nobody could log in → enabled 0', () => {
    const r = run({ ietd: IETD, allow: 'iqn.other:x ALL\n' });
    expect(target(r)?.enabled).toBe(false);
    expect(codes(r, 'warning')).toContain('IET_ACL_TARGET_UNREACHABLE');
  });

  it('the first applicable line wins: ALL ALL before a per-target line disables it', () => {
    const r = run({ ietd: IETD, allow: `ALL ALL\n${NAME} iqn\\.x:only\n` });
    expect(target(r)?.groups).toEqual({});
    expect(target(r)?.enabled).toBe(true);
    expect(codes(r, 'warning')).toContain('IET_ACL_LINE_SHADOWED');
    expect(r.report.findings.find((f) => f.code === 'IET_ACL_LINE_SHADOWED')).toMatchObject({
      location: 'initiators.allow:2',
      message: 'this line is never reached for its target (an earlier line at initiators.allow:1 applies first)',
    });
  });

  it('a last line without newline is ignored (→ no applicable line)', () => {
    const r = run({ ietd: IETD, allow: `${NAME} iqn\\.x:only` });
    expect(codes(r)).toEqual(expect.arrayContaining(['IET_ACL_LINE_UNTERMINATED', 'IET_ACL_TARGET_UNREACHABLE']));
    expect(target(r)?.enabled).toBe(false);
  });

  it('target names in access files compare ignoring case', () => {
    const r = run({ ietd: IETD, allow: `${NAME.toUpperCase()} iqn\\.x:host1\n` });
    expect(target(r)?.groups.iet_allow?.initiators).toEqual(['iqn.x:host1']);
  });

  it('deny file present: default set stays, iet_allow gets the LUNs and allow patterns, iet_deny gets none', () => {
    const r = run({ ietd: IETD, allow: `${NAME} iqn\\.x:good\n`, deny: `${NAME} iqn\\.x:.*\n` });
    const t = target(r);
    expect(Object.keys(t?.luns ?? {})).toEqual(['0']);
    expect(t?.groups.iet_allow).toMatchObject({ initiators: ['iqn.x:good'], luns: { 0: { device: 't1_0' } } });
    expect(t?.groups.iet_deny).toMatchObject({ initiators: ['iqn.x:*'], luns: {} });
  });

  it('deny ALL with an allow line behaves like the implicit-deny list', () => {
    const r = run({ ietd: IETD, allow: `${NAME} iqn\\.x:good\n`, deny: 'ALL ALL\n' });
    expect(target(r)?.luns).toEqual({});
    expect(target(r)?.groups.iet_allow?.initiators).toEqual(['iqn.x:good']);
    expect(target(r)?.groups.iet_deny).toBeUndefined();
  });

  it('deny file present but no line for the target: everyone allowed', () => {
    const r = run({ ietd: IETD, allow: `${NAME} iqn\\.x:good\n`, deny: 'iqn.other:t ALL\n' });
    expect(target(r)?.groups).toEqual({});
    expect(target(r)?.enabled).toBe(true);
  });

  it('initiator address rules are refused (never silently dropped)', () => {
    const r = run({ ietd: IETD, allow: `${NAME} 192.168.1.0/24, 10.0.0.7\n` });
    expect(codes(r, 'error')).toEqual(['IET_ACL_IP_UNSUPPORTED']);
    const mixed = run({ ietd: IETD, allow: `${NAME} 192.168.1.0/24, iqn\\.x:a\n` });
    expect(codes(mixed, 'error')).toEqual(['IET_ACL_MIXED']);
  });

  it('address rules are reported on the access-file line that holds them, with every way forward', () => {
    const r = run({ ietd: IETD, allow: `iqn.other:x ALL\n${NAME} 192.168.1.0/24\n` });
    const finding = r.report.findings.find((f) => f.code === 'IET_ACL_IP_UNSUPPORTED');
    expect(finding?.location).toBe('initiators.allow:2');
    expect(finding?.message).toMatch(/restrict by initiator name instead, or pass --legacy-ip-acl .* or --drop-ip-acl/);
    const denied = run({ ietd: IETD, allow: `${NAME} iqn\\.x:a\n`, deny: `iqn.other:x ALL\n${NAME} 10.0.0.0/8\n` });
    expect(denied.report.findings.find((f) => f.code === 'IET_ACL_MIXED')?.location).toBe('initiators.deny:2');
    const both = run({ ietd: IETD, allow: `${NAME} 10.0.0.1\n`, deny: `${NAME} 10.0.0.0/8\n` });
    expect(both.report.findings.find((f) => f.code === 'IET_ACL_IP_UNSUPPORTED')?.message).toMatch(/^initiator address rules \(allow 10\.0\.0\.1, deny 10\.0\.0\.0\/8\) /);
  });

  it('an applicable allow line with no usable entry: the finding points at that line', () => {
    for (const allow of [`${NAME} \nALL ALL\n`, `${NAME} ^iqn.*\n`]) {
      const r = run({ ietd: IETD, allow });
      expect(target(r)?.enabled).toBe(false);
      expect(r.report.findings.find((f) => f.code === 'IET_ACL_TARGET_UNREACHABLE')).toMatchObject({
        location: 'initiators.allow:1',
        message: 'the line that applies to this target lists no initiator IET could match: nobody could log in with IET; written with enabled 0',
      });
    }
  });

  it('deny ALL with no applicable allow line: the finding names the deny line and the allow file', () => {
    const r = run({ ietd: IETD, allow: 'iqn.other:x ALL\n', deny: `${NAME} ALL\n` });
    expect(target(r)?.enabled).toBe(false);
    expect(r.report.findings.filter((f) => f.code === 'IET_ACL_TARGET_UNREACHABLE').map((f) => [f.location, f.message])).toEqual([
      ['initiators.deny:1', 'initiators.deny denies ALL and no line of initiators.allow applies to this target: nobody could log in with IET; written with enabled 0'],
    ]);
    const noAllow = run({ ietd: IETD, deny: 'ALL ALL\n' });
    expect(noAllow.report.findings.find((f) => f.code === 'IET_ACL_TARGET_UNREACHABLE')?.message).toMatch(/^initiators.deny denies ALL and there is no initiators.allow: /);
  });

  it('--drop-ip-acl drops them knowingly: error-level report line that no longer blocks', () => {
    const r = run({ ietd: IETD, allow: `${NAME} 192.168.1.0/24\n` }, { dropIpAcl: true });
    const finding = r.report.findings.find((f) => f.code === 'IET_ACL_IP_DROPPED');
    expect(finding).toMatchObject({ severity: 'error', overridden: true });
    expect(r.report.blocking()).toEqual([]);
    expect(Object.keys(target(r)?.luns ?? {})).toEqual(['0']);
  });

  it('a /32 entry never matched in IET: dropped with a warning', () => {
    const r = run({ ietd: IETD, allow: `${NAME} 10.0.0.5/32, iqn\\.x:a\n` });
    expect(codes(r, 'error')).toEqual([]);
    expect(codes(r, 'warning')).toContain('IET_ACL_ENTRY_NEVER_MATCHED');
    expect(target(r)?.groups.iet_allow?.initiators).toEqual(['iqn.x:a']);
  });
});

describe('targets.allow → allowed_portal', () => {
  const portals = (text: string, hostAddresses?: string[]) => {
    const r = run({ ietd: IETD, targets: text }, { hostAddresses });
    return { r, value: target(r)?.attributes.allowed_portal };
  };

  it('exact addresses, canonical IPv6, /8 /16 /24 networks', () => {
    expect(portals(`${NAME} 192.168.1.10, [2001:DB8:0:0::1], 10.0.0.0/8, 172.16.0.0/16, 192.168.2.0/24\n`).value).toEqual([
      '192.168.1.10', '2001:db8::1', '10.*', '172.16.*', '192.168.2.*',
    ]);
  });

  it('no applicable line: reachable nowhere → allowed_portal !*', () => {
    const { r, value } = portals('iqn.other:t ALL\n');
    expect(value).toEqual(['!*']);
    expect(codes(r, 'warning')).toContain('IET_PORTAL_UNREACHABLE');
  });

  it('ALL: no allowed_portal', () => {
    expect(portals(`${NAME} ALL\n`).value).toBeUndefined();
  });

  it('/32 and host bits set never matched; other prefixes expand to this host\'s addresses', () => {
    const { r, value } = portals(`${NAME} 10.1.2.3/32, 192.168.1.5/24, 10.20.0.0/20\n`, ['10.20.3.4', '10.30.0.1']);
    expect(value).toEqual(['10.20.3.4']);
    expect(codes(r, 'warning')).toEqual(expect.arrayContaining(['IET_PORTAL_NEVER_MATCHED', 'IET_PORTAL_PREFIX_EXPANDED']));
  });
});

describe('--iet-version 0.4 (IET up to 0.4.17)', () => {
  it('without initiators.deny everyone was allowed; names end the line', () => {
    const r = run({ ietd: IETD, allow: `${NAME} iqn\\.x:only\n` }, { ietVersion: '0.4' });
    expect(target(r)?.groups).toEqual({});
    expect(target(r)?.enabled).toBe(true);
    const withDeny = run({ ietd: IETD, allow: `${NAME} 10.0.0.1, iqn\\.x:a, 10.0.0.2\n`, deny: `${NAME} ALL\n` }, { ietVersion: '0.4' });
    expect(codes(withDeny)).toEqual(expect.arrayContaining(['IET_ACL_ENTRY_NEVER_MATCHED', 'IET_ACL_IP_UNSUPPORTED']));
    expect(withDeny.report.findings.find((f) => f.code === 'IET_ACL_IP_UNSUPPORTED')?.message).toContain('(10.0.0.1)');
  });

  it('target word in column 0 followed by a space; a tab or indentation made the line unreadable', () => {
    const r = run({ ietd: IETD, allow: `\t${NAME} ALL\n${NAME}\tALL\n`, deny: `${NAME} ALL\n` }, { ietVersion: '0.4' });
    expect(codes(r).filter((c) => c === 'IET_ACL_LINE_UNREADABLE')).toHaveLength(2);
    expect(target(r)?.enabled).toBe(false);
  });
});

describe('--legacy-ip-acl: address rules to iscsi-scstd\'s legacy files', () => {
  it('implicit deny (no deny file) becomes TARGET ALL in initiators.deny; IPv6 in brackets', () => {
    const r = run({ ietd: `${IETD}Target iqn.2001-04.com.example:t2\nLun 0 Path=/srv/b\n`, allow: `${NAME} 192.168.1.0/24, fd00::7\nALL ALL\n` }, { legacyIpAcl: true });
    expect(codes(r, 'error')).toEqual([]);
    expect(codes(r)).toContain('IET_ACL_LEGACY_IP');
    expect(Object.keys(target(r)?.luns ?? {})).toEqual(['0']);
    expect(r.legacyAcl).toEqual({
      '/etc/initiators.allow': expect.stringMatching(new RegExp(`\\n${NAME} 192\\.168\\.1\\.0/24,\\[fd00::7\\]\\n$`)),
      '/etc/initiators.deny': expect.stringMatching(new RegExp(`\\n${NAME} ALL\\n$`)),
    });
  });

  it('with a deny file: its addresses go to initiators.deny, allow addresses to initiators.allow', () => {
    const r = run({ ietd: IETD, allow: `${NAME} 10.0.0.7\n`, deny: `${NAME} 10.0.0.0/8\n` }, { legacyIpAcl: true });
    expect(r.legacyAcl?.['/etc/initiators.allow']).toMatch(new RegExp(`\\n${NAME} 10\\.0\\.0\\.7\\n$`));
    expect(r.legacyAcl?.['/etc/initiators.deny']).toMatch(new RegExp(`\\n${NAME} 10\\.0\\.0\\.0/8\\n$`));
  });

  it('names and addresses together stay refused, unless --accept-narrower-acl (name AND address)', () => {
    expect(codes(run({ ietd: IETD, allow: `${NAME} 10.0.0.7, iqn\\.x:a\n` }, { legacyIpAcl: true }), 'error')).toEqual(['IET_ACL_MIXED']);
    const r = run({ ietd: IETD, allow: `${NAME} 10.0.0.7, iqn\\.x:a\n` }, { legacyIpAcl: true, acceptNarrowerAcl: true });
    expect(codes(r, 'error')).toEqual([]);
    expect(codes(r, 'warning')).toContain('IET_ACL_NARROWER');
    expect(target(r)?.luns).toEqual({});
    expect(target(r)?.groups.iet_allow?.initiators).toEqual(['iqn.x:a']);
    expect(r.legacyAcl?.['/etc/initiators.allow']).toMatch(new RegExp(`\\n${NAME} 10\\.0\\.0\\.7\\n$`));
    expect(r.legacyAcl?.['/etc/initiators.deny']).toMatch(new RegExp(`\\n${NAME} ALL\\n$`));
  });

  it('with a deny file: deny names to iet_deny, deny addresses to the legacy deny file', () => {
    const r = run({ ietd: IETD, allow: `${NAME} iqn\\.x:good\n`, deny: `${NAME} 10.0.0.0/8, iqn\\.x:.*\n` }, { legacyIpAcl: true, acceptNarrowerAcl: true });
    expect(codes(r, 'error')).toEqual([]);
    expect(target(r)?.groups.iet_deny?.initiators).toEqual(['iqn.x:*']);
    expect(target(r)?.groups.iet_allow?.initiators).toEqual(['iqn.x:good']);
    expect(r.legacyAcl?.['/etc/initiators.deny']).toMatch(new RegExp(`\\n${NAME} 10\\.0\\.0\\.0/8\\n$`));
    expect(r.legacyAcl?.['/etc/initiators.allow']).not.toContain(NAME);
  });
});

describe('an ALL line shared by several targets', () => {
  it('is reported once, not once per target', () => {
    const r = run({ ietd: `${IETD}Target iqn.2001-04.com.example:t2\nLun 0 Path=/srv/b\n`, allow: 'ALL iqn\\.x:a[12], 10.0.0.5/32\n' });
    expect(codes(r).filter((c) => c === 'IET_ACL_PATTERN_TRANSLATED')).toHaveLength(1);
    expect(codes(r).filter((c) => c === 'IET_ACL_ENTRY_NEVER_MATCHED')).toHaveLength(1);
    expect(codes(r).filter((c) => c === 'IET_ACL_ALLOW_GROUP')).toHaveLength(2);
  });
});
