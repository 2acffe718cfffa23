/**
 * The attribute test of SCST's 07-scstadmin-args.t: a host built only with single-object
 * operations (devices, a target, a group with initiators and LUNs, two ALUA device groups with
 * local and remote ports), saved with -write_config, the scst_local part compared with what
 * scstadmin saves. One step differs from the Perl suite (docs/compat.md): a remote port's
 * rel_tgt_id is given to -add_tgrp_tgt, where the suite writes it to sysfs by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatLab, keepScstLocal, type CompatLab } from './harness.js';
import { SUITE_DISK, SUITE_SAVED } from './suite-host.js';

const STEPS = [
  '-clear_config -force -noprompt -no_lip',
  '-open_dev nodev -handler vdisk_nullio -attributes dummy=1',
  `-open_dev disk0 -handler vdisk_fileio -attributes filename=${SUITE_DISK},read_only=1`,
  `-open_dev disk1 -handler vdisk_fileio -attributes filename=${SUITE_DISK},nv_cache=1`,
  '-driver scst_local -add_target local',
  '-driver scst_local -target local -add_lun 0 -device nodev',
  '-driver scst_local -target local -add_group ig',
  '-driver scst_local -target local -group ig -add_init ini1',
  '-driver scst_local -target local -group ig -add_init ini2',
  '-driver scst_local -target local -group ig -add_lun 0 -device disk0',
  '-driver scst_local -target local -group ig -add_lun 1 -device disk1',
  '-add_dgrp dgroup1',
  '-add_tgrp tgroup1 -dev_group dgroup1',
  '-noprompt -set_tgrp_attr tgroup1 -dev_group dgroup1 -attributes group_id=256',
  '-add_tgrp_tgt local -dev_group dgroup1 -tgt_group tgroup1',
  '-add_tgrp tgroup2 -dev_group dgroup1',
  '-noprompt -set_tgrp_attr tgroup2 -dev_group dgroup1 -attributes group_id=257',
  '-add_tgrp_tgt remote -dev_group dgroup1 -tgt_group tgroup2 -attributes rel_tgt_id=11',
  '-add_dgrp dgroup2',
  '-add_tgrp tgroup1 -dev_group dgroup2',
  '-noprompt -set_tgrp_attr tgroup1 -dev_group dgroup2 -attributes group_id=258',
  '-add_tgrp_tgt local -dev_group dgroup2 -tgt_group tgroup1',
  '-add_tgrp tgroup2 -dev_group dgroup2',
  '-noprompt -set_tgrp_attr tgroup2 -dev_group dgroup2 -attributes group_id=259',
  '-noprompt -set_tgrp_attr tgroup1 -dev_group dgroup2 -attributes rel_tgt_id=2',
  '-add_tgrp_tgt remote -dev_group dgroup2 -tgt_group tgroup2 -attributes rel_tgt_id=12',
];


let lab: CompatLab;
beforeAll(async () => {
  lab = await compatLab({ hostFiles: { [SUITE_DISK]: { kind: 'block', size: 1 << 20 } } });
}, 60_000);
afterAll(() => lab.cleanup());

describe('single-object operations (SCST 07-scstadmin-args.t, attributeTest)', () => {
  it('builds the host step by step, each step exit 0, and saves what scstadmin saves', async () => {
    for (const step of STEPS) expect([step, (await lab.run(step)).code]).toEqual([step, 0]);
    const saved = join(lab.dir, 'saved.conf');
    expect((await lab.run(['-write_config', saved])).code).toBe(0);
    expect(keepScstLocal(readFileSync(saved, 'utf8'))).toBe(SUITE_SAVED);
  }, 120_000);

  it('says which attributes a target group lacks and ignores them, as scstadmin does', async () => {
    const result = await lab.run('-noprompt -set_tgrp_attr tgroup1 -dev_group dgroup2 -attributes rel_tgt_id=2');
    expect(result.all).toBe("\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n\t-> WARNING: Target Group 'dgroup2/tgroup1' lacks the settable attribute 'rel_tgt_id', ignoring.\n\n\t-> Done, 0 change(s) made.\n\nAll done.\n");
    expect(result.code).toBe(0);
  });

  it('reports -rem_target of a missing target as a WARNING with scstadmin\'s code 40 (recording 70)', async () => {
    expect((await lab.run('-add_target iqn.2024-01.lab.test:adm1 -driver iscsi -noprompt')).code).toBe(0);
    expect((await lab.run('-rem_target iqn.2024-01.lab.test:adm1 -driver iscsi -noprompt')).code).toBe(0);
    const again = await lab.run('-rem_target iqn.2024-01.lab.test:adm1 -driver iscsi -force -noprompt');
    expect(again.all).toBe(
      "\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n\t-> Removing virtual target 'iqn.2024-01.lab.test:adm1' from driver 'iscsi': done.\n\t-> Done.\n\n\nWARNING: Received the following error:\n\n\tNo such target exists.\n\n\nAll done.\n",
    );
    expect(again.code).toBe(40);
  });

  it('sets a target attribute with one line per write and a count (recording 70)', async () => {
    await lab.run('-add_target iqn.2024-01.lab.test:adm2 -driver iscsi');
    const result = await lab.run('-set_tgt_attr iqn.2024-01.lab.test:adm2 -driver iscsi -attributes QueuedCommands=16 -noprompt');
    expect(result.all).toBe(
      "\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n\t-> Setting target attribute 'QueuedCommands' to value '16' for driver/target 'iscsi/iqn.2024-01.lab.test:adm2': done.\n\t-> Done, 1 change(s) made.\n\nAll done.\n",
    );
    const enabled = await lab.run('-enable_target iqn.2024-01.lab.test:adm2 -driver iscsi -noprompt');
    expect(enabled.all).toContain("\t-> Enabling driver/target 'iscsi/iqn.2024-01.lab.test:adm2': done.\n\t-> Done.\n");
  });
});

describe('dynamic attributes (-add_tgt_attr, -rem_tgt_attr, -add_drv_attr)', () => {
  it('adds and removes CHAP users and portals value by value, secrets masked in the change lines', async () => {
    const target = 'iqn.2024-01.lab.test:chap';
    await lab.run(`-add_target ${target} -driver iscsi`);
    const added = await lab.run(['-add_tgt_attr', target, '-driver', 'iscsi', '-attributes', 'IncomingUser=joe secret12345678,allowed_portal=10.0.0.*']);
    expect(added.all).toContain(`\t-> Adding target attribute 'IncomingUser' with value 'joe ********' for driver/target 'iscsi/${target}': done.\n`);
    expect(added.all).toContain(`\t-> Adding target attribute 'allowed_portal' with value '10.0.0.*' for driver/target 'iscsi/${target}': done.\n\t-> Done.\n`);
    expect(added.all).not.toContain('secret12345678');
    expect((await lab.run(`-list_tgt_attr ${target} -driver iscsi`)).all).toMatch(/\tIncomingUser +joe secret12345678 +Yes +Yes\n/);
    const removed = await lab.run(['-rem_tgt_attr', target, '-driver', 'iscsi', '-attributes', 'IncomingUser=joe', '-noprompt']);
    expect(removed.code).toBe(0);
    expect((await lab.run(`-list_tgt_attr ${target} -driver iscsi`)).all).not.toContain('IncomingUser  ');
    const bad = await lab.run(['-add_drv_attr', 'iscsi', '-attributes', 'bogus=1']);
    expect(bad.all).toContain('\tBad attributes given for driver.\n');
    expect(bad.code).toBe(1);
  });
});
