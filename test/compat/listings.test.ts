/**
 * The -list_* queries of SCST's 07-scstadmin-args.t on the suite host (suite-host.ts), compared
 * byte for byte with scstadmin's layout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompatLab } from './harness.js';
import { suiteLab } from './suite-host.js';

let lab: CompatLab;
const frame = (body: string) => `\nCollecting current configuration: done.\n\n${body}\nAll done.\n`;

beforeAll(async () => {
  lab = await suiteLab();
}, 60_000);
afterAll(() => lab.cleanup());

describe('-list_* (SCST 07-scstadmin-args.t)', () => {
  it('-list_handler', async () => {
    expect((await lab.run('-list_handler')).all).toBe(frame('\tHandler\n\t-------------\n\tvcdrom\n\tvdisk_blockio\n\tvdisk_fileio\n\tvdisk_nullio\n'));
  });

  it('-list_device: handlers with their devices, a dash for none', async () => {
    expect((await lab.run('-list_device')).all).toBe(
      frame('\tHandler           Device\n\t-----------------------\n\tvcdrom           -    \n\tvdisk_blockio    -    \n\tvdisk_fileio     disk0\n\t                 disk1\n\tvdisk_nullio     nodev\n'),
    );
  });

  it('-list_device DEVICE and -list_dev_attr: key attributes, writable or not', async () => {
    const table = '\tAttribute     Value             Writable      KEY\n\t-------------------------------------------------\n\tfilename      /dev/lab-disk     Yes           Yes\n\tread_only     1                 No            Yes\n\tsize          1048576           No            Yes\n';
    expect((await lab.run('-list_device disk0')).all).toBe(frame(table));
    expect((await lab.run('-list_dev_attr disk0')).all).toBe(frame(table));
  });

  it('-list_dgrp and -list_tgrp', async () => {
    expect((await lab.run('-list_dgrp')).all).toBe(frame('\tDevice Group\n\t------------\n\tdgroup1\n\n\tdgroup2\n\n'));
    expect((await lab.run('-list_tgrp tgrp -dev_group dgroup1')).all).toBe(frame('\tTargets\n\t-------\n'));
    expect((await lab.run('-list_tgrp tgroup1 -dev_group dgroup1')).all).toBe(frame('\tTargets\n\t-------\n\tlocal\n'));
  });

  it('-list_driver', async () => {
    expect((await lab.run('-list_driver')).all).toBe(frame('\tDriver\n\t------------\n\tcopy_manager\n\tib_srpt\n\tiscsi\n\tscst_local\n'));
  });

  it('-list_target: drivers and targets in two columns', async () => {
    const out = (await lab.run('-list_target -driver scst_local')).all;
    expect(out).toBe(frame('\tDriver     Target\n\t----------------\n\tscst_local local\n'));
  });

  it('-list_group: LUNs and initiators of each target and group', async () => {
    const out = (await lab.run('-list_group -driver scst_local')).all;
    expect(out).toBe(
      frame(
        'Driver: scst_local\nTarget: local\n\nAssigned LUNs:\n\n\tLUN  Device\n\t----------\n\t0    nodev\n\n' +
          'Group: ig\n\nAssigned LUNs:\n\n\tLUN  Device\n\t----------\n\t0    disk0\n\t1    disk1\n\nAssigned Initiators:\n\n\tInitiator\n\t----\n\tini1\n\tini2\n\n\n',
      ),
    );
  });

  it('-list_scst_attr and -list_drv_attr with no key attributes say (none)', async () => {
    const none = '\tAttribute     Value     Writable      KEY\n\t-----------------------------------------\n\t(none)\n';
    expect((await lab.run('-list_scst_attr')).all).toBe(frame(none));
    expect((await lab.run('-list_drv_attr ib_srpt')).all).toBe(frame(none));
    expect((await lab.run('-list_lun_attr 0 -driver scst_local -target local')).all).toBe(frame(none));
    expect((await lab.run('-list_ttgt_attr local -tgt_group tgroup1 -dev_group dgroup1')).all).toBe(frame(none));
  });

  it('-list_hnd_attr lists the creation parameters from the handler', async () => {
    const out = (await lab.run('-list_hnd_attr vcdrom')).all;
    expect(out).toBe(frame('\tAttribute     Value     Writable      KEY\n\t-----------------------------------------\n\t(none)\n\n\tDevice CREATE attributes available\n\t----------------------------------\n\ttst\n'));
  });

  it('-list_tgt_attr and -list_grp_attr add the LUN creation parameters', async () => {
    const lunCreate = '\tAttribute     Value     Writable      KEY\n\t-----------------------------------------\n\t(none)\n\n\tLUN CREATE attributes available\n\t-------------------------------\n\tread_only\n';
    expect((await lab.run('-list_tgt_attr local -driver scst_local')).all).toBe(frame(lunCreate));
    const group = await lab.run('-list_grp_attr ig -driver scst_local -target local -group ip');
    expect(group.all).toBe(frame(lunCreate));
    expect(group.code).toBe(1); // no initiator creation parameters: scstadmin's result code 1
  });

  it('-list_tgrp_attr', async () => {
    expect((await lab.run('-list_tgrp_attr tgroup1 -dev_group dgroup1')).all).toBe(
      frame('\tAttribute     Value      Writable      KEY\n\t------------------------------------------\n\tgroup_id      256        Yes           Yes\n\tstate         active     Yes           Yes\n'),
    );
  });

  it('-list_init_attr reports what scstadmin reports for an initiator (a file, not a directory)', async () => {
    const result = await lab.run('-list_init_attr ini1 -driver scst_local -target local -group ig');
    expect(result.all).toBe(
      frame("\n\nWARNING: Received the following error:\n\n\tinitiatorAttributes(): Unable to read directory '/sys/kernel/scst_tgt/targets/scst_local/local/ini_groups/ig/initiators/ini1': Bad file descriptor\n\n"),
    );
    expect(result.code).toBe(1);
  });

  it('-list_sessions: each target, its sessions as attribute tables', async () => {
    const out = (await lab.run('-list_sessions')).all;
    expect(out).toContain('Driver/Target: scst_local/local\n\n\t(no sessions)\n\n');
    expect(out).toMatch(/Driver\/Target: copy_manager\/copy_manager_tgt\n\n\tSession: copy_manager_sess\n\n\tAttribute +Value +Writable {6}KEY\n/);
  });

  it('a missing object is named in a WARNING block, exit 1', async () => {
    const result = await lab.run('-list_dev_attr nosuch');
    expect(result.all).toBe(frame("\n\nWARNING: Received the following error:\n\n\tdeviceAttributes(): Device 'nosuch' is not open\n\n"));
    expect(result.code).toBe(1);
  });

  it('-nonkey lists the other attributes too, write-only ones as <n/a>', async () => {
    const out = (await lab.run('-list_dev_attr nodev -nonkey')).all;
    expect(out).toMatch(/\n\tblocksize +512 +No +No \n/);
    expect(out).toMatch(/\n\thandler +vdisk_nullio +No +No \n/);
  });
});
