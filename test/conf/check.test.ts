import { describe, expect, it } from 'vitest';
import { checkConfig, type PathKind } from '../../src/conf/check.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { readLive } from '../../src/live/index.js';

const noFiles = () => 'file' as PathKind;
const findings = (text: string, options: Parameters<typeof checkConfig>[2] = {}) =>
  checkConfig(text, 'c.conf', { statPath: noFiles, ...options }).diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`);

const GOOD = `HANDLER vdisk_fileio {
	DEVICE disk1 {
		filename /srv/disk1.img
	}
}

TARGET_DRIVER iscsi {
	enabled 1

	TARGET iqn.2024-01.lab.test:one {
		enabled 1
		LUN 0 disk1
	}
}
`;

describe('check-config offline', () => {
  it('finds nothing wrong in a good file', () => {
    expect(findings(GOOD)).toEqual([]);
  });
  it('reports only the refusal for an old-format file or a template', () => {
    expect(findings('[HANDLER vdisk]\nDEVICE disk1,/srv/d1.img,NV,512\n')).toEqual(['1 error CONF_OLD_FORMAT']);
    expect(findings('HANDLER vdisk_fileio {\n<% @devices.each do |d| %>\n')).toEqual(['2 error CONF_TEMPLATE']);
  });
  it('warns about an empty file and files without sections', () => {
    expect(findings('# only a comment\n\n')).toEqual(['1 warning CONF_EMPTY']);
    expect(findings('threads 4\n')).toEqual(['1 warning CONF_NO_SECTIONS']);
  });
  it('checks attributes against the handler and driver tables', () => {
    const text = `HANDLER vdisk_fileio {
	DEVICE d {
		filename /x
		bogus_attr 7
		size 1048576
	}
}
TARGET_DRIVER iscsi {
	TARGET iqn.2024-01.a.b:t {
		LUN 0 d {
			read_only 1
			nv_cache 1
		}
		tid 5
	}
}
TARGET_DRIVER chelsio_tgt {
	whatever 1
}
handler x
`;
    expect(findings(text)).toEqual([
      '4 error CONF_UNKNOWN_ATTRIBUTE',
      '5 error CONF_READONLY_ATTRIBUTE',
      '12 error CONF_LUN_PARAMETER',
      '14 error CONF_READONLY_ATTRIBUTE',
      '17 warning CONF_UNKNOWN_DRIVER',
      '20 error CONF_UNKNOWN_ATTRIBUTE',
    ]);
    const hint = checkConfig(text, 'c.conf', { statPath: noFiles }).diagnostics.find((d) => d.line === 20)!.hint;
    expect(hint).toMatch(/HANDLER/);
  });
  it('cross-checks LUNs, LUN 0, initiators and device groups', () => {
    const text = `HANDLER vdisk_nullio {
	DEVICE n1
	DEVICE n2
}
HANDLER vdisk_blockio {
	DEVICE n2 {
		filename /dev/sdz
	}
}
TARGET_DRIVER iscsi {
	TARGET iqn.2024-01.a.b:t {
		LUN 1 n1
		LUN 2 ghost
		GROUP g1 {
			INITIATOR iqn.2024-01.c.d:host
		}
		GROUP g2 {
			LUN 0 n1
			INITIATOR iqn.2024-01.c.d:host
		}
	}
}
DEVICE_GROUP dg1 {
	DEVICE n1
	DEVICE nope
}
DEVICE_GROUP dg2 {
	DEVICE n1
}
`;
    expect(findings(text)).toEqual([
      '6 error CONF_DUPLICATE',
      '7 warning CONF_BACKING_NOT_BLOCK',
      '11 warning CONF_NO_LUN0',
      '13 error CONF_UNDEFINED_DEVICE',
      '19 error CONF_INITIATOR_TWICE',
      '25 error CONF_UNDEFINED_DEVICE',
      '28 error CONF_DEVICE_TWO_GROUPS',
    ]);
  });
  it('refuses a CHAP user twice in one list and a second OutgoingUser', () => {
    const text = 'TARGET_DRIVER iscsi {\n\tIncomingUser "joe secret-000001"\n\tIncomingUser "joe secret-000002"\n\tTARGET iqn.2024-01.a.b:t {\n\t\tOutgoingUser "t1 secret-000003"\n\t\tOutgoingUser "t2 secret-000004"\n\t}\n}\n';
    expect(findings(text)).toEqual(['1 warning CONF_NO_HANDLERS', '2 error CONF_CHAP', '5 error CONF_CHAP']);
  });
  it('refuses iSCSI target names that differ only in letter case', () => {
    const text = 'TARGET_DRIVER iscsi {\n\tTARGET iqn.2024-01.a.b:Disk\n\tTARGET iqn.2024-01.a.b:disk\n}\n';
    expect(findings(text).filter((f) => f.includes('error'))).toEqual(['3 error CONF_DUPLICATE']);
  });
  it('refuses groups and read-only LUNs in the copy manager', () => {
    const text = 'HANDLER vdisk_nullio {\n\tDEVICE n1\n}\nTARGET_DRIVER copy_manager {\n\tTARGET copy_manager_tgt {\n\t\tLUN 0 n1 {\n\t\t\tread_only 1\n\t\t}\n\t\tGROUP g\n\t}\n}\n';
    expect(findings(text)).toEqual(['7 error CONF_COPY_MANAGER', '9 error CONF_COPY_MANAGER']);
  });
  it('warns about enabled where SCST has no such switch', () => {
    const text = 'TARGET_DRIVER copy_manager {\n\tenabled 1\n\tTARGET copy_manager_tgt {\n\t\tenabled 1\n\t}\n}\nTARGET_DRIVER iscsi {\n\tenabled 1\n}\n';
    expect(findings(text)).toEqual(['1 warning CONF_NO_HANDLERS', '2 warning CONF_NO_ENABLED', '4 warning CONF_NO_ENABLED']);
  });
  it('refuses, with file:line, a ";" in names and in values that travel in mgmt commands, as apply would', () => {
    const text = `HANDLER vdisk_fileio {
	DEVICE dev;semi {
		filename /srv/a;b.img
		usn x;y
	}
}
TARGET_DRIVER iscsi {
	TARGET iqn.2024-01.a.b:t;1 {
		IncomingUser "joe secret;000001"
		LUN 0 dev;semi
		GROUP g;1 {
			INITIATOR iqn.2024-01.c.d:h;1
		}
	}
}
`;
    const result = checkConfig(text, 'c.conf', { mode: 0o600, statPath: noFiles });
    expect(result.diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`)).toEqual([
      '2:9 error CONF_NAME',
      '3:12 error CONF_VALUE',
      '8:9 error CONF_NAME',
      '9:16 error CONF_VALUE',
      '10:9 error CONF_NAME',
      '11:9 error CONF_NAME',
      '12:14 error CONF_NAME',
    ]);
    expect(result.diagnostics[0]!.message).toMatch(/device name 'dev;semi' contains ";"/);
    // usn is written to its own sysfs file, not inside a command: ';' is fine there.
    expect(result.diagnostics.some((d) => d.line === 4)).toBe(false);
    expect(JSON.stringify(result.diagnostics)).not.toContain('secret;000001');
  });
  it('warns about missing backing files and secrets readable by others', () => {
    const text = GOOD.replace('\t\tenabled 1\n\t\tLUN', '\t\tIncomingUser "joe secret-000001"\n\t\tenabled 1\n\t\tLUN');
    const result = checkConfig(text, 'c.conf', { mode: 0o644, statPath: () => 'missing' });
    expect(result.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['1 CONF_UNSAFE_PERMISSIONS', '3 CONF_BACKING_MISSING']);
    expect(checkConfig(text, 'c.conf', { mode: 0o600, statPath: noFiles }).diagnostics).toEqual([]);
  });
});

describe('check-config against the live SCST', () => {
  it('reports drivers and handlers that are not loaded, and devices created differently', async () => {
    const host = new Emulator({ useRealFileSystem: false, modules: ['scst', 'scst_vdisk'], hostFiles: { '/srv/disk1.img': { kind: 'file', size: 1 << 20 } } });
    await host.write('handlers/vdisk_fileio/mgmt', 'add_device disk1 filename=/srv/disk1.img;nv_cache=1\n');
    const live = await readLive(host);
    const text = `${GOOD}HANDLER dev_disk {\n\tDEVICE 1:0:0:0\n}\n`;
    const result = checkConfig(text, 'c.conf', { live, statPath: noFiles });
    expect(result.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`)).toEqual([
      '2 warning CONF_CREATE_DIFFERS',
      '7 error CONF_NOT_LOADED',
      '15 error CONF_NOT_LOADED',
    ]);
    expect(result.diagnostics[0]!.message).toMatch(/nv_cache 1 not in the file/);
  });
});

describe('check-config reports every error of a file in one run', () => {
  it('recovers from a missing brace and still finds the misspelt keyword and duplicate LUNs after it', () => {
    const text = `HANDLER vdisk_nullio {
	DEVICE d1 {
		size 1048576
	DEVICE d2 {
		size 1048576
	}
}

TARGET_DRIVER iscsi {
	TARGTE iqn.2024-01.com.example:a {
		LUN 0 d1
		LUN 0 d2
	}
	TARGET iqn.2024-01.com.example:b {
		LUN 0 d1
		LUN 0 d2
		LUN 1 d3
	}
}
`;
    expect(findings(text)).toEqual([
      '2 error CONF_UNCLOSED',
      '10 error CONF_UNKNOWN_SECTION',
      '12 error CONF_DUPLICATE',
      '16 error CONF_DUPLICATE',
      '17 error CONF_UNDEFINED_DEVICE',
    ]);
  });
  it('closes an unclosed HANDLER at the next top-level section', () => {
    const text = 'HANDLER vdisk_nullio {\n\tDEVICE d1\n\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2024-01.com.example:a {\n\t\tLUN 0 d9\n\t}\n}\n';
    expect(findings(text)).toEqual(['1 error CONF_UNCLOSED', '6 error CONF_UNDEFINED_DEVICE']);
  });
  it('suggests the keyword a transposed or dropped letter hides', () => {
    const text = 'HANDLER vdisk_nullio {\n\tDEVCE d1 {\n\t\tsize 1048576\n\t}\n}\n';
    const result = checkConfig(text, 'c.conf', { statPath: noFiles });
    expect(result.diagnostics.find((d) => d.code === 'CONF_UNKNOWN_SECTION')?.message).toContain('did you mean DEVICE?');
  });
});

describe('check-config on huge or hostile files', () => {
  it('keeps the first findings by line and counts the rest', () => {
    const text = 'HANDLER vdisk_nullio {\n}\n'.repeat(5000);
    const result = checkConfig(text, 'c.conf', { statPath: noFiles });
    expect(result.diagnostics).toHaveLength(100);
    expect(result.diagnostics.map((d) => d.line).slice(0, 3)).toEqual([1, 3, 5]);
    expect(result.errors).toBe(4999);
    expect(result.omitted.errors).toBe(4900);
  });
  it('reports nesting deeper than the grammar once and does not keep what is inside', () => {
    const result = checkConfig('DEVICE a {\n'.repeat(100000), 'c.conf', { statPath: noFiles });
    const codes = result.diagnostics.map((d) => `${d.line} ${d.code}`);
    expect(codes).toContain('5 CONF_TOO_DEEP');
    expect(codes.filter((c) => c.endsWith('CONF_UNCLOSED'))).toEqual(['1 CONF_UNCLOSED', '2 CONF_UNCLOSED', '3 CONF_UNCLOSED', '4 CONF_UNCLOSED']);
    expect(result.document.nodes).toHaveLength(1);
  });
});
