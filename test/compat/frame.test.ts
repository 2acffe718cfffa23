/**
 * What every run prints around its operation, the root check, the confirmation prompt, and the
 * -config / -check_config / -write_config outputs of the recording of the real Perl tool.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompat } from '../../src/compat/run.js';
import { compatLab, type CompatLab } from './harness.js';

const SMALL = `HANDLER vdisk_fileio {
	DEVICE disk1 {
		filename /srv/p1.img
		nv_cache 1
	}
}

HANDLER vdisk_nullio {
	DEVICE null1 {
		blocksize 4096
	}
}

TARGET_DRIVER iscsi {
	enabled 1

	TARGET iqn.2024-01.lab.test:conf1 {
		enabled 1
		rel_tgt_id 11

		LUN 0 disk1
		LUN 1 null1 {
			read_only 1
		}

		GROUP hosts {
			LUN 0 null1
			INITIATOR iqn.1993-08.org.debian:01:client1
		}
	}
}
`;

let lab: CompatLab;
beforeAll(async () => {
  lab = await compatLab({ hostFiles: { '/srv/p1.img': { kind: 'file', size: 16 << 20 } } });
  writeFileSync(join(lab.dir, 'small.conf'), SMALL);
}, 60_000);
afterAll(() => lab.cleanup());

describe('the root check', () => {
  it('refuses a non-root user on a real tree before reading the arguments', async () => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), readLine: async () => undefined };
    const code = await runCompat({ argv: ['-h'], env: { SCST_SYSFS_ROOT: lab.dir }, io, euid: () => 1000 });
    expect(out).toBe('This program must run as root.\n');
    expect(code).toBe(2);
  });

  it('lets root through, and does not ask for root on an emulated host', async () => {
    expect((await lab.run('-list_driver', { euid: 1000 })).code).toBe(0);
  });

  it('says so when SCST is not loaded', async () => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), readLine: async () => undefined };
    const code = await runCompat({ argv: ['-list_device'], env: { SCST_SYSFS_ROOT: join(lab.dir, 'nothing') }, io, euid: () => 0 });
    expect(out).toBe(`\nCollecting current configuration: \n\nFATAL: Received the following error:\n\n\thandlers(): Unable to read directory '${join(lab.dir, 'nothing')}/handlers': No such file or directory\n\n`);
    expect(code).toBe(1);
  });
});

describe('the confirmation prompt (SCST 07 testPrompt)', () => {
  it('aborts without a yes and changes nothing', async () => {
    const before = readFileSync(lab.state, 'utf8');
    const result = await lab.run('-clear_config -force');
    expect(result.all).toBe(
      '\nCollecting current configuration: done.\n\nPerforming this action may result in lost or corrupt data, are you sure you wish to continue (y/[n]) ? Aborting action.\n\nAll done.\n',
    );
    expect(result.code).toBe(0);
    expect(readFileSync(lab.state, 'utf8')).toBe(before);
  });

  it('goes on after yes', async () => {
    const result = await lab.run('-clear_config -force', { stdin: ['yes'] });
    expect(result.all).toContain('(y/[n]) ? -> Clearing running configuration.\n');
    expect(result.code).toBe(0);
  });
});

describe('-check_config, -config, -write_config (recording 70)', () => {
  it('checks a file: 0 warnings', async () => {
    const result = await lab.run(['-check_config', join(lab.dir, 'small.conf')]);
    expect(result.all).toBe(`\nCollecting current configuration: done.\n\n-> Checking configuration file '${join(lab.dir, 'small.conf')}' for errors.\n\t-> Done, 0 warnings found.\n\n\nAll done.\n`);
    expect(result.code).toBe(0);
  });

  it('applies a file with one line per write, and again with none', async () => {
    const conf = join(lab.dir, 'small.conf');
    await lab.run('-clear_config -force -noprompt');
    const first = await lab.run(['-config', conf]);
    expect(first.code).toBe(0);
    expect(first.all).toContain("-> Applying configuration.\n\t-> Opening device 'disk1' using handler 'vdisk_fileio': done.\n\t-> Opening device 'null1' using handler 'vdisk_nullio': done.\n\t-> Creating target 'iqn.2024-01.lab.test:conf1' for driver 'iscsi': done.\n");
    expect(first.all).toContain("\t-> Adding new initiator 'iqn.1993-08.org.debian:01:client1' to driver/target/group 'iscsi/iqn.2024-01.lab.test:conf1/hosts': done.\n");
    expect(first.all).toContain("\t-> Enabling driver/target 'iscsi/iqn.2024-01.lab.test:conf1': done.\n\t-> Enabling driver 'iscsi': done.\n\t-> Done, ");
    const again = await lab.run(['-config', conf]);
    expect(again.all).toMatch(/-> Applying configuration\.\n\t-> Done, 0 change\(s\) made\.\n\nAll done\.\n$/);
  });

  it('warns about what scstadmin warns about, and drops LUNs of undefined devices', async () => {
    const broken = join(lab.dir, 'broken.conf');
    writeFileSync(broken, 'HANDLER vdisk_nullio {\n\tDEVICE n9\n}\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2024-01.lab.test:conf9 {\n\t\tLUN 0 nosuchdevice\n\t\tLUN 1 n9\n\t}\n}\n');
    const result = await lab.run(['-check_config', broken]);
    expect(result.all).toContain(
      "\t-> WARNING: Device 'nosuchdevice' associated with driver/target 'iscsi/iqn.2024-01.lab.test:conf9' at LUN 0 is not defined within configuration, removing it.\n\n" +
        "\t-> WARNING: No LUN 0 defined for driver/target 'iscsi/iqn.2024-01.lab.test:conf9'. Many initiators require a LUN 0 to be defined.\n\n\t-> Done, 2 warnings found.\n\n",
    );
  });

  it('leaves what the file lacks without -force, and says how to remove it', async () => {
    const other = join(lab.dir, 'other.conf');
    writeFileSync(other, 'HANDLER vdisk_nullio {\n\tDEVICE n2\n}\n');
    const result = await lab.run(['-config', other]);
    expect(result.all).toContain("\t-> Device 'disk1' is not in configuration. Use -force to close it.\n");
    expect(result.all).toContain("\t-> Opening device 'n2' using handler 'vdisk_nullio': done.\n");
  });

  it('writes the running configuration with mode 0600', async () => {
    const file = join(lab.dir, 'written.conf');
    const result = await lab.run(['-write_config', file]);
    expect(result.all).toBe(`\nCollecting current configuration: done.\n\nWriting current configuration to file '${file}'.. \nAll done.\n`);
    expect(readFileSync(file, 'utf8')).toMatch(/^# Automatically generated by SCST Configurator v/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('prints its usage for -h and exits 0', async () => {
    const result = await lab.run('-h');
    expect(result.stdout).toMatch(/^SCST Configurator compatible front end of scstadmin-ts v\S+\n\nUsage:\n {5}-h, -help, --help {7}: Show this information\.\n/);
    expect(result.stdout).toContain('-open_dev <device>');
    expect(result.code).toBe(0);
  });
});
