// ietd-conf.md §4: every pitfall as its own small input with the exact scst.conf and codes.
import { describe, expect, it } from 'vitest';
import { codes, confText, devices, fakeHost, run } from './helpers.js';

const T = 'Target iqn.2001-04.com.example:t1\n';

describe('pitfall 1-2: caching', () => {
  it('fileio without IOMode and with wt is write-through, wb is SCST default, ro is read_only only', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nLun 1 Path=/srv/b,IOMode=wt\nLun 2 Path=/srv/c,IOMode=wb\nLun 3 Path=/srv/d,IOMode=ro\n` });
    expect(confText(r)).toBe(`HANDLER vdisk_fileio {
	DEVICE t1_0 {
		filename /srv/a
		write_through 1
	}

	DEVICE t1_1 {
		filename /srv/b
		write_through 1
	}

	DEVICE t1_2 {
		filename /srv/c
	}

	DEVICE t1_3 {
		filename /srv/d
		read_only 1
	}
}

TARGET_DRIVER iscsi {
	enabled 1

	TARGET iqn.2001-04.com.example:t1 {
		InitialR2T Yes
		MaxBurstLength 262144
		MaxOutstandingR2T 1
		MaxRecvDataSegmentLength 8192
		MaxXmitDataSegmentLength 8192
		NopInInterval 0
		enabled 1

		LUN 0 t1_0
		LUN 1 t1_1
		LUN 2 t1_2
		LUN 3 t1_3
	}
}

`);
    expect(JSON.stringify(r.config)).not.toContain('nv_cache');
    expect(codes(r, 'error')).toEqual([]);
  });

  it('blockio: write-through by default, wb ignored as IET did, --blockio-write-back keeps SCST default', () => {
    const ietd = `${T}Lun 0 Path=/dev/sdb,Type=blockio,BlockSize=512\nLun 1 Path=/dev/sdc,Type=blockio,IOMode=wb,BlockSize=512\n`;
    const r = run({ ietd });
    expect(devices(r, 'vdisk_blockio')).toEqual({
      t1_0: { filename: ['/dev/sdb'], blocksize: ['512'], write_through: ['1'] },
      t1_1: { filename: ['/dev/sdc'], blocksize: ['512'], write_through: ['1'] },
    });
    expect(codes(r)).toContain('IET_BLOCKIO_WB_IGNORED');
    const wb = run({ ietd }, { blockioWriteBack: true });
    expect(devices(wb, 'vdisk_blockio').t1_0).toEqual({ filename: ['/dev/sdb'], blocksize: ['512'] });
    expect(codes(wb)).toContain('IET_BLOCKIO_WCE_CHANGES');
  });
});

describe('pitfall 3-4: LUN 0 and gaps', () => {
  it('adds a dummy nullio LUN 0 when a target lacks LUN 0, and notes gaps', () => {
    const r = run({ ietd: `${T}Lun 1 Path=/srv/a\nLun 5 Path=/srv/b\n` });
    expect(devices(r, 'vdisk_nullio')).toEqual({ t1_lun0_dummy: { dummy: ['1'] } });
    expect(r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1']?.luns['0']?.device).toBe('t1_lun0_dummy');
    expect(codes(r)).toEqual(expect.arrayContaining(['IET_LUN0_PLACEHOLDER', 'IET_LUN_GAP']));
    expect(r.report.findings.find((f) => f.code === 'IET_LUN_GAP')?.severity).toBe('info');
    const single = run({ ietd: `${T}Lun 2 Path=/srv/a\n` });
    expect(single.report.findings.find((f) => f.code === 'IET_LUN_GAP')?.message).toBe('LUN 2: numbered with gaps; REPORT LUNS lists them the same way in SCST');
  });

  it('--no-lun0-placeholder refuses instead', () => {
    const r = run({ ietd: `${T}Lun 1 Path=/srv/a\n` }, { lun0Placeholder: false });
    expect(codes(r, 'error')).toEqual(['IET_LUN0_MISSING']);
  });

  it('never puts the placeholder in a default set that must stay empty', () => {
    const r = run({ ietd: `${T}Lun 1 Path=/srv/a\n`, allow: 'iqn.2001-04.com.example:t1 iqn\\.1994-05\\.com\\.redhat:host1\n' });
    const target = r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1'];
    expect(target?.luns).toEqual({});
    expect(Object.keys(target?.groups.iet_allow?.luns ?? {})).toEqual(['0', '1']);
  });
});

describe('pitfall 5-7: shared stores, duplicate identities, name collisions', () => {
  const host = fakeHost({
    '/dev/vg/lv': { kind: 'block', real: '/dev/dm-3', blockSize: 512 },
    '/dev/mapper/vg-lv': { kind: 'block', real: '/dev/dm-3', blockSize: 512 },
    '/dev/sdz': { kind: 'block', blockSize: 512 },
  });

  it('one device for the same canonical store in two targets', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/dev/vg/lv,Type=blockio\nTarget iqn.2001-04.com.example:t2\nLun 0 Path=/dev/mapper/vg-lv,Type=blockio\n` }, {}, host);
    expect(Object.keys(devices(r, 'vdisk_blockio'))).toEqual(['t1_0']);
    expect(r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t2']?.luns['0']?.device).toBe('t1_0');
    expect(codes(r)).toContain('IET_SHARED_PATH_ONE_DEVICE');
    expect(codes(r, 'warning')).toContain('IET_SHARED_BLOCKIO');
    expect(codes(r, 'error')).toEqual([]);
  });

  it('refuses the same store with different options, unless --split-shared-paths', () => {
    const ietd = `${T}Lun 0 Path=/dev/vg/lv,Type=blockio\nTarget iqn.2001-04.com.example:t2\nLun 0 Path=/dev/vg/lv,Type=blockio,IOMode=ro\n`;
    expect(codes(run({ ietd }, {}, host), 'error')).toEqual(['IET_SHARED_PATH_CONFLICT']);
    const split = run({ ietd }, { splitSharedPaths: true }, host);
    expect(Object.keys(devices(split, 'vdisk_blockio'))).toEqual(['t1_0', 't2_0']);
    expect(codes(split, 'warning')).toContain('IET_SHARED_PATH_SPLIT');
  });

  it('refuses one ScsiId or ScsiSN on two different stores (data corruption)', () => {
    const id = run({ ietd: `${T}Lun 0 Path=/srv/a,ScsiId=xyz\nLun 1 Path=/srv/b,ScsiId=xyz\n` });
    expect(codes(id, 'error')).toEqual(['IET_SCSI_ID_DUPLICATE']);
    const sn = run({ ietd: `${T}Lun 0 Path=/srv/a,ScsiSN=xyz\nLun 1 Path=/srv/b,ScsiSN=xyz\n` });
    expect(codes(sn, 'error')).toEqual(['IET_SCSI_SN_DUPLICATE']);
  });

  it('disambiguates colliding device names deterministically', () => {
    const ietd = 'Target iqn.2001-04.com.a:disk\nLun 0 Path=/srv/a\nTarget iqn.2001-04.com.b:disk\nLun 0 Path=/srv/b\n';
    const first = run({ ietd });
    expect(Object.keys(devices(first, 'vdisk_fileio'))).toEqual(['disk_0', 'disk_0_2']);
    expect(codes(first)).toContain('IET_DEVICE_RENAMED');
    expect(confText(run({ ietd }))).toBe(confText(first));
  });

  it('device names never keep dots (SCST refuses them)', () => {
    const r = run({ ietd: 'Target iqn.2004-01.lab.test:store.a\nLun 0 Path=/srv/a\n' });
    expect(Object.keys(devices(r, 'vdisk_fileio'))).toEqual(['store_a_0']);
  });
});

describe('pitfall 8: identity', () => {
  it('pads ScsiSN up to 16 characters, keeps 17-20 bare, refuses longer unless --truncate-usn', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a,ScsiSN=A0001,ScsiId=disk-a\nLun 1 Path=/srv/b,ScsiSN=ABCDEFGHIJKLMNOPQR\n` });
    expect(devices(r, 'vdisk_fileio')).toEqual({
      t1_0: { filename: ['/srv/a'], write_through: ['1'], usn: ['           A0001'], t10_dev_id: ['disk-a'] },
      t1_1: { filename: ['/srv/b'], write_through: ['1'], usn: ['ABCDEFGHIJKLMNOPQR'] },
    });
    const identity = r.report.findings.filter((f) => f.code === 'IET_IDENTITY_CHANGES').map((f) => f.message);
    expect(identity[0]).toContain('(VPD page 0x83)');
    expect(identity[1]).toContain('(VPD pages 0x83 and 0x80)');
    expect(codes(r)).toEqual(expect.arrayContaining(['IET_USN_PADDED', 'IET_USN_UNPADDED', 'IET_SCSI_ID_APPROX']));
    const long = `${T}Lun 0 Path=/srv/a,ScsiSN=${'S'.repeat(24)}\n`;
    expect(codes(run({ ietd: long }), 'error')).toEqual(['IET_USN_TOO_LONG']);
    expect(devices(run({ ietd: long }, { truncateUsn: true }), 'vdisk_fileio').t1_0?.usn).toEqual(['S'.repeat(20)]);
  });

  it('--keep-iet-inquiry keeps the INQUIRY vendor and product', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\n` }, { keepIetInquiry: true });
    expect(devices(r, 'vdisk_fileio').t1_0).toMatchObject({ t10_vend_id: ['IET'], prod_id: ['VIRTUAL-DISK'] });
  });
});

describe('pitfall 9-11: backing stores on the host', () => {
  const host = fakeHost({ '/srv/file.img': { kind: 'file' }, '/dev/sdd': { kind: 'block', blockSize: 4096 }, '/srv/dir': { kind: 'other' } });

  it('refuses blockio on a regular file; --skip-broken-luns leaves it out as IET did', () => {
    const ietd = `${T}Lun 0 Path=/dev/sdd,Type=blockio\nLun 1 Path=/srv/file.img,Type=blockio\n`;
    expect(codes(run({ ietd }, {}, host), 'error')).toEqual(['IET_BLOCKIO_ON_FILE']);
    const skipped = run({ ietd }, { skipBrokenLuns: true }, host);
    expect(codes(skipped, 'error')).toEqual([]);
    expect(Object.keys(skipped.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1']?.luns ?? {})).toEqual(['0']);
  });

  it('writes the logical block size of a 4Kn device IET used implicitly', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/dev/sdd,Type=blockio\n` }, {}, host);
    expect(devices(r, 'vdisk_blockio').t1_0?.blocksize).toEqual(['4096']);
    expect(codes(r)).toContain('IET_BLOCKSIZE_FROM_DEVICE');
  });

  it('offline (files from another machine), a blockio LUN without BlockSize gets no blocksize and a warning to check for 4Kn', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/dev/sdd,Type=blockio\n` });
    expect(devices(r, 'vdisk_blockio').t1_0?.blocksize).toBeUndefined();
    expect(r.report.findings.filter((f) => f.code === 'IET_BLOCKSIZE_UNKNOWN').map((f) => f.location)).toEqual(['ietd.conf:2']);
    expect(codes(run({ ietd: `${T}Lun 0 Path=/dev/sdd,Type=blockio,BlockSize=4096\n` }))).not.toContain('IET_BLOCKSIZE_UNKNOWN');
  });

  it('refuses a path that is neither file nor block device', () => {
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/dir\n` }, {}, host), 'error')).toEqual(['IET_PATH_NOT_FILE_OR_DEVICE']);
  });

  it('always writes the nullio size: 64 GiB by default, Blocks x BlockSize otherwise', () => {
    const r = run({ ietd: `${T}Lun 0 Type=nullio\nLun 1 Type=nullio,Blocks=1000,BlockSize=4096\n` });
    expect(devices(r, 'vdisk_nullio')).toEqual({ t1_0: { size: ['68719476736'] }, t1_1: { size: ['4096000'], blocksize: ['4096'] } });
  });
});

describe('pitfall 12: CHAP', () => {
  it('refuses secrets under 12 bytes and never prints the secret', () => {
    const r = run({ ietd: `IncomingUser joe secret\n${T}IncomingUser bob bobsecret\nLun 0 Path=/srv/a\n` });
    expect(codes(r, 'error')).toEqual(['IET_CHAP_SECRET_TOO_SHORT', 'IET_CHAP_SECRET_TOO_SHORT']);
    const text = JSON.stringify(r.report.findings);
    expect(text).not.toContain('bobsecret');
    expect(text).not.toMatch(/joe secret\b/);
    expect(text).toContain('target iqn.2001-04.com.example:t1');
  });

  it('carries discovery and target users, keeps the last duplicate and the last OutgoingUser', () => {
    const r = run({
      ietd: `IncomingUser disco discosecret12\nOutgoingUser out1 outsecret0001\nOutgoingUser out2 outsecret0002\n${T}IncomingUser u u-secret-0001\nIncomingUser u u-secret-0002\nLun 0 Path=/srv/a\n`,
    });
    expect(r.config?.drivers.iscsi?.attributes).toEqual({ IncomingUser: ['disco discosecret12'], OutgoingUser: ['out2 outsecret0002'] });
    expect(r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1']?.attributes.IncomingUser).toEqual(['u u-secret-0002']);
    expect(codes(r)).toEqual(expect.arrayContaining(['IET_OUTGOING_REPEATED', 'IET_CHAP_DUPLICATE_USER']));
    // Like every "repeated" finding: on the repeating line, naming the one it replaces.
    expect(r.report.findings.filter((f) => f.code === 'IET_OUTGOING_REPEATED').map((f) => [f.location, f.message])).toEqual([
      ['ietd.conf:3', 'OutgoingUser repeated (previous at ietd.conf:2): the last one is kept, as IET did'],
    ]);
  });

  it('refuses = in a secret and escapes # in scst.conf', () => {
    expect(codes(run({ ietd: `${T}IncomingUser u abc=defghijklm\nLun 0 Path=/srv/a\n` }), 'error')).toEqual(['IET_CHAP_FORBIDDEN_CHAR']);
    expect(confText(run({ ietd: `${T}IncomingUser u abc#defghijklm\nLun 0 Path=/srv/a\n` }))).toContain('IncomingUser "u abc\\#defghijklm"');
  });
});

describe('pitfall 13: effective values', () => {
  it('carries what IET ran, and says what was written', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nQueuedCommands 512\nMaxRecvDataSegmentLength 1048576\nNOPInterval 120\nInitialR2T yes\nMaxBurstLength 010000000\n` });
    const attrs = r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1']?.attributes;
    expect(attrs).toMatchObject({ QueuedCommands: ['1'], MaxRecvDataSegmentLength: ['512'], NopInInterval: ['0'], InitialR2T: ['Yes'], MaxBurstLength: ['1048576'] });
    expect(codes(r, 'warning')).toEqual(expect.arrayContaining(['IET_VALUE_CLAMPED', 'IET_VALUE_IGNORED', 'IET_NUMBER_QUIRK']));
    expect(r.report.findings.find((f) => f.construct === 'QueuedCommands 512')?.message).toContain('run as 1 by IET');
  });

  it('a number IET read oddly and then clamped: the message keeps both the reading and the clamp', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nMaxBurstLength 010\n` });
    expect(r.report.findings.find((f) => f.construct === 'MaxBurstLength 010')?.message).toBe(
      'MaxBurstLength "010" (read as 8: a leading 0 means octal) is outside IET\'s range 512-16777215 and was run as 512 by IET; carried as MaxBurstLength 512',
    );
  });

  it('NOPTimeout: IET used NOPInterval when 0 or larger; --defaults scst writes only what the file sets', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nNOPInterval 10\nNOPTimeout 30\n` }, { defaults: 'scst' });
    expect(r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1']?.attributes).toEqual({ NopInInterval: ['10'], NopInTimeout: ['10'] });
    expect(codes(r, 'warning')).toContain('IET_DEFAULT_CHANGES');
  });
});

describe('pitfall 14-15: LUNs and targets IET never served', () => {
  it('a trailing comment or a blank after a comma: the LUN never existed', () => {
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/a,Type=fileio # data disk\n` }), 'error')).toEqual(['IET_LUN_TRAILING_COMMENT']);
    expect(codes(run({ ietd: `${T}Lun 0 Path=/srv/a, Type=fileio\n` }), 'error')).toEqual(['IET_LUN_BLANK_AFTER_COMMA']);
    const skipped = run({ ietd: `${T}Lun 0 Path=/srv/a, Type=fileio\nLun 1 Path=/srv/b\n` }, { skipBrokenLuns: true });
    expect(codes(skipped, 'warning')).toContain('IET_LUN_BLANK_AFTER_COMMA');
  });

  it('refuses a duplicate target name differing only in case', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nTarget IQN.2001-04.COM.EXAMPLE:T1\nIncomingUser x xsecret123456\n` });
    expect(codes(r, 'error')).toEqual(['IET_TARGET_DUPLICATE']);
    expect(r.report.findings[0]?.location).toBe('ietd.conf:3');
  });
});

describe('pitfall 18, 22, 23: targets', () => {
  it('warns about a target without LUNs, carries Alias, drops MC/S', () => {
    const r = run({ ietd: `${T}Alias Lab disk\nMaxConnections 4\n` });
    expect(codes(r)).toEqual(expect.arrayContaining(['IET_TARGET_NO_LUNS', 'IET_ALIAS_NOW_VISIBLE', 'IET_MCS_UNSUPPORTED']));
    expect(confText(r)).toContain('alias "Lab disk"');
  });
});

describe('--chap-secrets and --iet-version 0.4 parameters', () => {
  it('replaces a refused secret by name and says the initiators need it', () => {
    const r = run({ ietd: `IncomingUser joe secret\n${T}Lun 0 Path=/srv/a\n` }, { chapSecrets: new Map([['joe', 'a-longer-secret-1']]) });
    expect(codes(r, 'error')).toEqual([]);
    expect(r.config?.drivers.iscsi?.attributes.IncomingUser).toEqual(['joe a-longer-secret-1']);
    expect(codes(r, 'warning')).toContain('IET_CHAP_SECRET_REPLACED');
  });

  it('a replacement that is too short as well is refused with a message about the replacement', () => {
    const r = run({ ietd: `IncomingUser joe secret\n${T}Lun 0 Path=/srv/a\n` }, { chapSecrets: new Map([['joe', 'short2']]) });
    expect(r.report.blocking().map((f) => f.message)).toEqual([
      'IncomingUser joe (discovery): the new secret from --chap-secrets is under 12 bytes too, which iscsi-scstd rejects; give a longer one',
    ]);
  });

  it('MaxSessions was not enforced before 1.4.19; Lun keys were case-sensitive', () => {
    const r = run({ ietd: `${T}Lun 0 Path=/srv/a\nMaxSessions 2\n` }, { ietVersion: '0.4' });
    expect(r.config?.drivers.iscsi?.targets['iqn.2001-04.com.example:t1']?.attributes.MaxSessions).toBeUndefined();
    expect(codes(run({ ietd: `${T}Lun 0 path=/srv/a\n` }, { ietVersion: '0.4' }), 'error')).toEqual(['IET_LUN_UNKNOWN_OPTION']);
  });
});
