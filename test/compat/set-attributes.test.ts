/**
 * The attribute settings scstadmin has besides devices, targets, drivers and target groups
 * (-set_scst_attr, -set_hnd_attr, -set_grp_attr, -set_lun_attr, -set_dgrp_attr, -set_init_attr)
 * and -dumpAttrs, on the suite host: scstadmin's lines and exit codes, the effect on the host,
 * and a host left as it was after a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompatLab } from './harness.js';
import { suiteLab } from './suite-host.js';

let lab: CompatLab;
beforeAll(async () => {
  lab = await suiteLab();
}, 60_000);
afterAll(() => lab.cleanup());

const frame = (body: string) => `\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n${body}\nAll done.\n`;
const fatal = (message: string) => `\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n\n\nFATAL: Received the following error:\n\n\t${message}\n\n`;
const GROUP = '-driver scst_local -target local';
const groupAttributes = async () => (await lab.run(`-list_grp_attr ig ${GROUP} -nonkey`)).all;

describe('-set_scst_attr', () => {
  it('sets what SCST has, says what it lacks or already has, and counts the writes', async () => {
    const result = await lab.run('-noprompt -set_scst_attr -attributes setup_id=0x2a,bogus=1,version=9,threads=2');
    expect(result.all).toBe(
      frame(
        "\t-> WARNING: SCST lacks the settable attribute 'bogus', ignoring.\n\n" +
          "\t-> WARNING: SCST lacks the settable attribute 'version', ignoring.\n\n" +
          "\t-> Attribute 'threads' already set to value '2', ignoring.\n" +
          "\t-> Setting SCST attribute 'setup_id' to value '0x2a': done.\n\t-> Done, 1 change(s) made.\n",
      ),
    );
    expect(result.code).toBe(0);
    expect((await lab.run('-list_scst_attr')).all).toMatch(/\tsetup_id +0x2a +Yes +Yes\n/);
  });

  it('asks first unless -noprompt; "n" changes nothing', async () => {
    const result = await lab.run('-set_scst_attr -attributes setup_id=0x7', { stdin: ['n'] });
    expect(result.all).toContain('are you sure you wish to continue (y/[n]) ? Aborting action.\n\nAll done.\n');
    expect(result.code).toBe(0);
    expect((await lab.run('-list_scst_attr')).all).toMatch(/\tsetup_id +0x2a /);
  });

  it('a value SCST would refuse is a FATAL block, exit 1, nothing written', async () => {
    const result = await lab.run('-noprompt -set_scst_attr -attributes threads=0,setup_id=0x3');
    expect(result.all).toMatch(/\n\nFATAL: Received the following error:\n\n\tSCST: threads .*\n\n$/);
    expect(result.code).toBe(1);
    expect((await lab.run('-list_scst_attr')).all).toMatch(/\tsetup_id +0x2a /);
  });
});

describe('-set_hnd_attr', () => {
  it('writes trace_level of a handler', async () => {
    const result = await lab.run(['-noprompt', '-set_hnd_attr', 'vdisk_nullio', '-attributes', 'trace_level=add scsi']);
    expect(result.all).toBe(frame("\t-> Setting handler attribute 'trace_level' to value 'add scsi' for handler 'vdisk_nullio': done.\n\t-> Done, 1 change(s) made.\n"));
    expect((await lab.run('-list_hnd_attr vdisk_nullio -nonkey')).all).toMatch(/\n\t +scsi +Yes +No \n/);
  });

  it('names a handler that is not loaded, exit 1', async () => {
    const result = await lab.run('-noprompt -set_hnd_attr dev_nope -attributes trace_level=all');
    expect(result.all).toBe(fatal("handlerAttributes(): Handler 'dev_nope' is not available"));
    expect(result.code).toBe(1);
  });
});

describe('-set_grp_attr', () => {
  it('sets a group attribute; a second run finds it set', async () => {
    const result = await lab.run(`-noprompt -set_grp_attr ig ${GROUP} -attributes addr_method=FLAT,nosuch=1`);
    expect(result.all).toBe(
      frame(
        "\t-> WARNING: Driver/target/group 'scst_local/local/ig' lacks the settable attribute 'nosuch', ignoring.\n\n" +
          "\t-> Setting group attribute 'addr_method' to value 'FLAT' for group 'ig': done.\n\t-> Done, 1 change(s) made.\n",
      ),
    );
    expect(await groupAttributes()).toMatch(/\taddr_method +FLAT +Yes +Yes\n/);
    const again = await lab.run(`-noprompt -set_grp_attr ig ${GROUP} -attributes addr_method=FLAT`);
    expect(again.all).toBe(frame("\t-> Attribute 'addr_method' already set to value 'FLAT', ignoring.\n\t-> Done, 0 change(s) made.\n"));
  });

  it('a bad value is refused before any write: FATAL, exit 1, the other attributes unchanged too', async () => {
    const before = await groupAttributes();
    const result = await lab.run(`-noprompt -set_grp_attr ig ${GROUP} -attributes io_grouping_type=never,cpu_mask=zz`);
    expect(result.all).toBe(fatal("group scst_local/local/ig: cpu_mask must be a hex CPU bitmap such as ff or ffffffff,ffffffff, not 'zz'"));
    expect(result.code).toBe(1);
    expect(await groupAttributes()).toBe(before);
  });

  it('names the missing group, target or driver as scstadmin does', async () => {
    expect((await lab.run(`-noprompt -set_grp_attr nog ${GROUP} -attributes addr_method=FLAT`)).all).toBe(fatal("groupAttributes(): Group 'nog' does not exist"));
    expect((await lab.run('-noprompt -set_grp_attr ig -driver scst_local -target none -attributes addr_method=FLAT')).all).toBe(fatal("groupAttributes(): Target 'none' is not available"));
    const noDriver = await lab.run('-noprompt -set_grp_attr ig -driver nodrv -target local -attributes addr_method=FLAT');
    expect(noDriver.all).toBe(fatal("groupAttributes(): Driver 'nodrv' is not available"));
    expect(noDriver.code).toBe(1);
  });
});

describe('-set_lun_attr', () => {
  it('read_only is fixed when the LUN is added: scstadmin calls it lacking and leaves it', async () => {
    const result = await lab.run(`-noprompt -set_lun_attr 0 ${GROUP} -group ig -attributes read_only=0`);
    expect(result.all).toBe(frame("\t-> WARNING: Driver/target/group/LUN 'scst_local/local/ig/0' lacks the settable attribute 'read_only', ignoring.\n\n\t-> Done, 0 change(s) made.\n"));
    expect(result.code).toBe(0);
    expect((await lab.run(`-list_lun_attr 0 ${GROUP} -group ig`)).all).toMatch(/\tread_only +1 +No +Yes\n/);
  });

  it('names a missing LUN, exit 1', async () => {
    const result = await lab.run(`-noprompt -set_lun_attr 7 ${GROUP} -attributes read_only=1`);
    expect(result.all).toBe(fatal("lunAttributes(): LUN '7' does not exist"));
    expect(result.code).toBe(1);
  });
});

describe('-set_dgrp_attr and -set_init_attr', () => {
  it('a device group has no settable attributes in SCST: each is lacking', async () => {
    const result = await lab.run('-noprompt -set_dgrp_attr dgroup1 -attributes foo=1');
    expect(result.all).toBe(frame("\t-> WARNING: Device Group 'dgroup1' lacks the settable attribute 'foo', ignoring.\n\n\t-> Done, 0 change(s) made.\n"));
    expect(result.code).toBe(0);
    expect((await lab.run('-noprompt -set_dgrp_attr nodg -attributes foo=1')).all).toBe(fatal("deviceGroupAttributes(): Device group 'nodg' does not exist"));
  });

  it('an initiator has no attributes in SCST (a file in its group): exit 1 either way', async () => {
    const known = await lab.run(`-noprompt -set_init_attr ini1 ${GROUP} -group ig -attributes foo=1`);
    expect(known.all).toBe(fatal('Initiators do not (yet) have attributes.'));
    expect(known.code).toBe(1);
    expect((await lab.run(`-noprompt -set_init_attr ini9 ${GROUP} -group ig -attributes foo=1`)).all).toBe(fatal("initiatorAttributes(): Initiator 'ini9' does not exist"));
  });
});

describe('-dumpAttrs', () => {
  it('prints the core and each device as Data::Dumper would, after any query', async () => {
    const result = await lab.run('-dumpAttrs');
    expect(result.code).toBe(0);
    expect(result.all).toMatch(/^\nCollecting current configuration: done.\n\nSCST attributes:\n\$VAR1 = \{\n {10}'async_lun_replace' => \{\n {35}'static' => 0,\n {35}'value' => 0\n {33}\},\n/);
    expect(result.all).toContain("          'setup_id' => {\n                          'keys' => {\n                                      '0' => {\n                                               'value' => '0x2a'\n                                             }\n                                    },\n                          'static' => 0\n                        },\n");
    const devices = [...result.all.matchAll(/^Device (\S+) attributes:\n\$VAR1 = \{$/gm)].map((m) => m[1]);
    expect(devices).toEqual(['disk0', 'disk1', 'nodev']);
    expect(result.all).toContain("          'filename' => {\n                          'keys' => {\n                                      '0' => {\n                                               'value' => '/dev/lab-disk'\n");
    expect(result.all.endsWith('        };\n\nAll done.\n')).toBe(true);
    const withQuery = await lab.run('-list_dgrp -dumpAttrs');
    expect(withQuery.all).toMatch(/\tdgroup2\n\nSCST attributes:\n/);
  });
});
