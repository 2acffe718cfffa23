// ietd-conf.md §3.11, the worked example, run on a host where /dev/vg0/b reports 512-byte blocks.
// Device names differ from the spec's text: a dot is not allowed in SCST device names.
import { expect, it } from 'vitest';
import { codes, confText, fakeHost, run } from './helpers.js';

it('converts the worked example exactly', () => {
  const result = run(
    {
      ietd: `IncomingUser disco secretsecret12
Target iqn.2004-01.lab.test:store.a
    IncomingUser alice alicesecret-01
    Lun 0 Path=/srv/iet/a.img,Type=fileio,ScsiSN=A0001
    Lun 1 Path=/dev/vg0/b,Type=blockio,IOMode=ro
    MaxRecvDataSegmentLength 65536
    NOPInterval 15
`,
      allow: 'iqn.2004-01.lab.test:store.a iqn\\.1991-05\\.com\\.microsoft:app0[1-2]\\..*\nALL ALL\n',
    },
    {},
    fakeHost({ '/srv/iet/a.img': { kind: 'file' }, '/dev/vg0/b': { kind: 'block', real: '/dev/dm-1', blockSize: 512 } }),
  );
  expect(confText(result)).toBe(`HANDLER vdisk_blockio {
	DEVICE store_a_1 {
		blocksize 512
		filename /dev/vg0/b
		read_only 1
	}
}

HANDLER vdisk_fileio {
	DEVICE store_a_0 {
		filename /srv/iet/a.img
		usn "           A0001"
		write_through 1
	}
}

TARGET_DRIVER iscsi {
	IncomingUser "disco secretsecret12"
	enabled 1

	TARGET iqn.2004-01.lab.test:store.a {
		IncomingUser "alice alicesecret-01"
		InitialR2T Yes
		MaxBurstLength 262144
		MaxOutstandingR2T 1
		MaxRecvDataSegmentLength 65536
		MaxXmitDataSegmentLength 8192
		NopInInterval 15
		NopInTimeout 15
		enabled 1

		GROUP iet_allow {
			LUN 0 store_a_0
			LUN 1 store_a_1

			INITIATOR iqn.1991-05.com.microsoft:app01.*

			INITIATOR iqn.1991-05.com.microsoft:app02.*
		}
	}
}

`);
  expect(codes(result)).toEqual([
    'IET_ACL_LINE_SHADOWED', 'IET_USN_PADDED', 'IET_IDENTITY_CHANGES', 'IET_BLOCKSIZE_FROM_DEVICE', 'IET_IDENTITY_CHANGES',
    'IET_ACL_PATTERN_TRANSLATED', 'IET_ACL_ALLOW_GROUP',
  ]);
  // The spec's report: the ALL ALL line is not reached for this target (first applicable line wins).
  expect(result.report.findings.find((f) => f.code === 'IET_ACL_LINE_SHADOWED')).toMatchObject({
    severity: 'info',
    location: 'initiators.allow:2',
    message: 'ALL line not reached for iqn.2004-01.lab.test:store.a: its own line at initiators.allow:1 applies first',
  });
  expect(result.report.findings.filter((f) => f.code === 'IET_IDENTITY_CHANGES').map((f) => f.message.slice(0, 45))).toEqual([
    'LUN 0 changes SCSI identity (VPD page 0x83): ',
    'LUN 1 changes SCSI identity (VPD pages 0x83 a',
  ]);
});
