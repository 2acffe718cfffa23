import { describe, expect, it } from 'vitest';
import { AccountList } from '../../src/emulator/drivers/iscsi-accounts.js';
import { cStrtol, findIscsiParam, parseIscsiValue, renderIscsiParam } from '../../src/emulator/drivers/iscsi-params.js';

const param = (name: string) => {
  const p = findIscsiParam(name);
  if (!p) throw new Error(`no param ${name}`);
  return p;
};

describe('iSCSI target parameters (iscsi-scstd rules)', () => {
  it('parses numbers like C strtol and range-checks them', () => {
    expect(cStrtol('0x10')).toBe(16);
    expect(cStrtol('010')).toBe(8);
    expect(cStrtol('12abc')).toBe(12);
    expect(cStrtol('abc')).toBe(0);
    expect(parseIscsiValue(param('MaxRecvDataSegmentLength'), '65536\n')).toBe('65536');
    expect(parseIscsiValue(param('MaxRecvDataSegmentLength'), '100\n')).toBeUndefined();
    expect(parseIscsiValue(param('MaxRecvDataSegmentLength'), '99999999\n')).toBeUndefined();
    expect(parseIscsiValue(param('MaxRecvDataSegmentLength'), 'abc\n')).toBeUndefined();
    // garbage reads as 0, which is in range for NopInInterval
    expect(parseIscsiValue(param('NopInInterval'), 'abc\n')).toBe('0');
    expect(parseIscsiValue(param('QueuedCommands'), '64 65\n')).toBeUndefined();
  });

  it('restores the default with :default:', () => {
    expect(parseIscsiValue(param('QueuedCommands'), ':default:\n')).toBe('32');
  });

  it('keeps Yes/No case-sensitive and digests canonical', () => {
    expect(parseIscsiValue(param('InitialR2T'), 'Yes\n')).toBe('Yes');
    expect(parseIscsiValue(param('ImmediateData'), 'Maybe\n')).toBeUndefined();
    expect(parseIscsiValue(param('ImmediateData'), 'yes\n')).toBeUndefined();
    expect(parseIscsiValue(param('HeaderDigest'), 'CRC32C,None\n')).toBe('None,CRC32C');
    expect(parseIscsiValue(param('HeaderDigest'), 'crc32c\n')).toBe('CRC32C');
    expect(parseIscsiValue(param('HeaderDigest'), 'Bogus\n')).toBeUndefined();
    expect(parseIscsiValue(param('per_portal_acl'), '2\n')).toBeUndefined();
  });

  it('parses redirect and alias', () => {
    expect(parseIscsiValue(param('redirect'), '10.0.0.1:3260 temp\n')).toBe('10.0.0.1 temp');
    expect(parseIscsiValue(param('redirect'), '10.0.0.1:3261 perm\n')).toBe('10.0.0.1:3261 perm');
    expect(parseIscsiValue(param('redirect'), '[fe80::1] perm\n')).toBe('[fe80::1] perm');
    expect(parseIscsiValue(param('redirect'), '10.0.0.1 later\n')).toBeUndefined();
    expect(parseIscsiValue(param('redirect'), '\n')).toBe('');
    expect(parseIscsiValue(param('alias'), '  my disk \n')).toBe('my disk');
  });

  it('renders the byte forms the kernel shows', () => {
    expect(renderIscsiParam(param('QueuedCommands'), '32')).toBe('32\n');
    expect(renderIscsiParam(param('QueuedCommands'), '64')).toBe('64\n[key]\n\n');
    expect(renderIscsiParam(param('per_portal_acl'), '0')).toBe('0\n\n');
    expect(renderIscsiParam(param('per_portal_acl'), '1')).toBe('1\n[key]\n\n');
    expect(renderIscsiParam(param('alias'), '')).toBe('\n');
    expect(renderIscsiParam(param('HeaderDigest'), 'None,CRC32C')).toBe('None,CRC32C\n[key]\n\n');
  });
});

describe('iSCSI CHAP accounts and portals', () => {
  it('names files after the typed word, appending digits when taken', () => {
    const list = new AccountList(true, 't1');
    expect(list.add('IncomingUser', 'user1 password1234')).toEqual({ ok: true });
    expect(list.add('IncomingUser', 'user2 password5678')).toEqual({ ok: true });
    expect(list.add('IncomingUser1', 'user3 password9999')).toEqual({ ok: true });
    expect(list.files.map((f) => f.file)).toEqual(['IncomingUser', 'IncomingUser1', 'IncomingUser11']);
    expect(list.render(list.files[0]!)).toBe('user1 password1234\n[key]\n\n');
  });

  it('refuses duplicate users, short and missing secrets, unknown words', () => {
    const list = new AccountList(true, 't1');
    list.add('IncomingUser', 'user1 password1234');
    expect(list.add('IncomingUser', 'user1 otherpassword')).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(list.add('IncomingUser', 'user3')).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(list.add('IncomingUser', 'user3 short')).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(list.add('BogusAttr', 'x')).toMatchObject({ ok: false, errno: 'EINVAL' });
  });

  it('leaves a stale OutgoingUser file that reads EINVAL when one is replaced', () => {
    const list = new AccountList(true, 'iqn.x:t1');
    expect(list.add('OutgoingUser', 'out1 outpassword12')).toEqual({ ok: true });
    const result = list.add('OutgoingUser', 'out2 outpassword34');
    expect(result).toMatchObject({ ok: false, errno: 'EEXIST' });
    expect(list.files).toHaveLength(1);
    expect(list.render(list.files[0]!)).toBeUndefined();
    expect(list.remove('OutgoingUser', 'out1')).toMatchObject({ ok: false, errno: 'ENOENT' });
  });

  it('replaces the outgoing account before any name check: the same user again is EEXIST, not EINVAL', () => {
    // iscsi-scstd drops its one outgoing account first, so its duplicate-name check never
    // fires; the kernel then refuses the file name that still exists.
    const list = new AccountList(true, 'iqn.x:t1');
    list.add('OutgoingUser', 'out1 outpassword12');
    const again = list.add('OutgoingUser', 'out1 outpassword12');
    expect(again).toMatchObject({ ok: false, errno: 'EEXIST', log: 'iscsi-scst: ***ERROR***: Attribute OutgoingUser for iqn.x:t1 already exist' });
    expect(list.render(list.files[0]!)).toBeUndefined();
  });

  it('an outgoing user under another file name succeeds beside the stale one, and a short secret is EINVAL first', () => {
    const list = new AccountList(true, 'iqn.x:t1');
    list.add('OutgoingUser', 'out1 outpassword12');
    expect(list.add('OutgoingUser', 'out2 short')).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(list.render(list.files[0]!)).toBe('out1 outpassword12\n[key]\n\n');
    expect(list.add('OutgoingUser1', 'out2 outpassword34')).toEqual({ ok: true });
    expect(list.files.map((f) => [f.file, list.render(f)])).toEqual([
      ['OutgoingUser', undefined],
      ['OutgoingUser1', 'out2 outpassword34\n[key]\n\n'],
    ]);
  });

  it('deletes users by name (ENOENT when unknown) and portals by pattern (EINVAL)', () => {
    const list = new AccountList(true, 't1');
    list.add('IncomingUser', 'user1 password1234');
    list.add('allowed_portal', '127.0.0.1');
    list.add('allowed_portal', '10.99.*');
    expect(list.add('allowed_portal', '10.99.*')).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(list.remove('IncomingUser', 'user1')).toEqual({ ok: true });
    expect(list.remove('IncomingUser', 'user1')).toMatchObject({ ok: false, errno: 'ENOENT' });
    expect(list.remove('allowed_portal', '10.99.*')).toEqual({ ok: true });
    expect(list.remove('allowed_portal', '10.99.*')).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(list.files.map((f) => f.file)).toEqual(['allowed_portal']);
    // the plain name is free again
    list.add('IncomingUser', 'user9 password9999');
    expect(list.files.map((f) => f.file)).toContain('IncomingUser');
  });

  it('refuses portals at driver level and lets a file write replace an entry', () => {
    const driver = new AccountList(false, 'iscsi');
    expect(driver.add('allowed_portal', '127.0.0.1')).toMatchObject({ ok: false, errno: 'EINVAL' });
    driver.add('IncomingUser', 'duser dpassword123');
    driver.add('IncomingUser', 'duser2 dpassword456');
    expect(driver.rewrite(driver.files[1]!, 'duser9 x\n')).toEqual({ ok: true });
    expect(driver.render(driver.files[1]!)).toBe('duser9 x\n[key]\n\n');
    expect(driver.rewrite(driver.files[1]!, 'duser x\n')).toMatchObject({ ok: false, errno: 'EEXIST' });
  });
});
