/**
 * The command lines of SCST's 09-scstadmin-invalid-args.t: each is refused before SCST is
 * touched, with scstadmin's one line on stdout and exit 1.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatLab, type CompatLab } from './harness.js';

let lab: CompatLab;
beforeAll(async () => {
  lab = await compatLab();
}, 60_000);
afterAll(() => lab.cleanup());

const REFUSED: Array<[string, string]> = [
  ['-open_dev -handler h -set_scst_attr', 'Please specify only one non-query operation at a time.'],
  ['-clear_config', 'Please specify -force with -clear_config.'],
  ['-list_tgrp', 'Please specify -dev_group with -list_tgrp.'],
  ['-list_tgt_attr t', 'Please specify -driver with -list_tgt_attr.'],
  ['-list_grp_attr g', 'Please specify -driver, -target and group with -list_grp_attr.'],
  ['-list_lun_attr l', 'Please specify -driver and -target with -list_lun_attr.'],
  ['-list_init_attr i', 'Please specify -driver, -target and -group with -list_init_attr.'],
  ['-list_tgrp_attr tg', 'Please specify -dev_group with -list_tgrp_attr.'],
  ['-list_ttgt_attr tt', 'Please specify -dev_group and -tgt_group with -list_ttgt_attr.'],
  ['-set_scst_attr', 'Please specify -attributes with -set_scst_attr.'],
  ['-set_hnd_attr h', 'Please specify -attributes with -set_hnd_attr.'],
  ['-set_dev_attr d', 'Please specify -attributes with -set_dev_attr.'],
  ['-set_dgrp_attr dg', 'Please specify -attributes with -set_dgrp_attr.'],
  ['-set_tgrp_attr tg', 'Please specify -dev_group and -attributes with -set_tgrp_attr.'],
  ['-set_drv_attr d', 'Please specify -attributes with -set_drv_attr.'],
  ['-set_tgt_attr t', 'Please specify -driver and -attributes with -set_tgt_attr.'],
  ['-set_lun_attr l', 'Please specify -driver -target -group and -attributes with -set_lun_attr.'],
  ['-set_init_attr i', 'Please specify -driver -target -group and -attributes with -set_init_attr.'],
  ['-add_drv_attr d', 'Please specify -attributes with -add_drv_attr.'],
  ['-add_tgt_attr t', 'Please specify -driver and -attributes with -add_tgt_attr.'],
  ['-rem_drv_attr d', 'Please specify -attributes with -rem_drv_attr.'],
  ['-rem_tgt_attr t', 'Please specify -driver and -attributes with -rem_tgt_attr.'],
  ['-open_dev d', 'Please specify -handler with -open_dev/-close_dev.'],
  ['-close_dev d', 'Please specify -handler with -open_dev/-close_dev.'],
  ['-add_target t', 'Please specify -driver with -add_target.'],
  ['-rem_target t', 'Please specify -driver with -rem_target.'],
  ['-add_group g', 'Please specify -driver and -target with -add_group/-rem_group.'],
  ['-rem_group g', 'Please specify -driver and -target with -add_group/-rem_group.'],
  ['-add_init i', 'Please specify -driver -target and -group with -add_init/-rem_init/-clear_inits.'],
  ['-rem_init i', 'Please specify -driver -target and -group with -add_init/-rem_init/-clear_inits.'],
  ['-clear_inits', 'Please specify -driver -target and -group with -add_init/-rem_init/-clear_inits.'],
  ['-move_init i', 'Please specify -driver -target -group and -to with -move_init.'],
  ['-add_lun l', 'Please specify -driver -target and -device with -add_lun/-replace_lun.'],
  ['-replace_lun l', 'Please specify -driver -target and -device with -add_lun/-replace_lun.'],
  ['-rem_lun l', 'Please specify -driver and -target with -rem_lun/-clear_luns.'],
  ['-clear_luns', 'Please specify -driver and -target with -rem_lun/-clear_luns.'],
  ['-add_dgrp_dev dg', 'Please specify -dev_group with -add_dgrp_dev/-rem_dgrp_dev.'],
  ['-rem_dgrp_dev dg', 'Please specify -dev_group with -add_dgrp_dev/-rem_dgrp_dev.'],
  ['-add_tgrp tg', 'Please specify -dev_group with -add_tgrp/-rem_tgrp.'],
  ['-rem_tgrp tg', 'Please specify -dev_group with -add_tgrp/-rem_tgrp.'],
  ['-add_tgrp_tgt t', 'Please specify -dev_group and -tgt_group with -add_tgrp_tgt/-rem_tgrp_tgt.'],
  ['-rem_tgrp_tgt t', 'Please specify -dev_group and -tgt_group with -add_tgrp_tgt/-rem_tgrp_tgt.'],
];

describe('argument errors (SCST 09-scstadmin-invalid-args.t)', () => {
  it.each(REFUSED)('%s', async (line, message) => {
    const before = readFileSync(lab.state, 'utf8');
    const result = await lab.run(line);
    expect(result.all).toBe(`${message}\n`);
    expect(result.stdout).toBe(`${message}\n`);
    expect(result.code).toBe(1);
    expect(readFileSync(lab.state, 'utf8')).toBe(before);
  });

  it('prints Getopt::Long complaints on stderr and exits 1', async () => {
    const result = await lab.run('-list_target_attr x -driver iscsi');
    expect(result).toMatchObject({ stdout: '', stderr: 'Unknown option: list_target_attr\n', code: 1 });
    expect(await lab.run('-write_config')).toMatchObject({ stderr: 'Option write_config requires an argument\n', code: 1 });
  });
});
