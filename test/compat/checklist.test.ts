/**
 * The checklist against Perl scstadmin's own option list (its Getopt::Long specification, kept
 * here as the truth: `=s` a mandatory value, `:s` an optional one, none a flag): every option is
 * known with the same kind, and every operation runs — in-process on the emulator, and through
 * both entry points (`scstadmin-compat`, `scstadmin-ts compat`) with the same output.
 */
import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPAT_OPTIONS } from '../../src/compat/options.js';
import type { CompatLab } from './harness.js';
import { suiteLab } from './suite-host.js';

const PERL_OPTIONS = `config:s clear_config write_config=s check_config:s
  list_handler:s list_device:s list_dgrp:s list_tgrp:s list_driver:s list_target:s list_group:s list_sessions
  list_scst_attr list_hnd_attr=s list_dev_attr=s list_dgrp_attr=s list_tgrp_attr=s list_ttgt_attr=s list_drv_attr=s
  list_tgt_attr=s list_grp_attr=s list_lun_attr=s list_init_attr=s
  set_scst_attr set_hnd_attr=s set_dev_attr=s set_dgrp_attr=s set_tgrp_attr=s set_ttgt_attr=s set_drv_attr=s
  set_tgt_attr=s set_grp_attr=s set_lun_attr=s set_init_attr=s
  add_drv_attr=s add_tgt_attr=s rem_drv_attr=s rem_tgt_attr=s open_dev=s close_dev=s resync_dev=s
  add_dgrp=s rem_dgrp=s add_dgrp_dev=s rem_dgrp_dev=s add_tgrp=s rem_tgrp=s add_tgrp_tgt=s rem_tgrp_tgt=s
  add_target=s rem_target=s add_group=s rem_group=s add_init=s rem_init=s move_init=s clear_inits
  add_lun=s rem_lun=s replace_lun=s clear_luns enable_target=s disable_target=s issue_lip:s lip no_lip
  handler=s attributes=s driver=s target=s group=s to=s device=s dev_group=s tgt_group=s
  h help nonkey noprompt cont_on_err force dumpAttrs debug`
  .split(/\s+/)
  .map((spec) => {
    const [, name, suffix] = /^(\w+)(=s|:s)?$/.exec(spec)!;
    return [name!, suffix === '=s' ? 'required' : suffix === ':s' ? 'optional' : 'flag'] as const;
  });

/** One run of each operation, with what it needs; objects of the suite host where it names one. */
const L = '-driver scst_local -target local';
const OPERATIONS: Record<string, string | string[]> = {
  config: '-config /nonexistent.conf', clear_config: '-clear_config -force -noprompt', write_config: '-write_config WRITE', check_config: '-check_config /nonexistent.conf',
  list_handler: '-list_handler', list_device: '-list_device', list_dgrp: '-list_dgrp', list_tgrp: '-list_tgrp -dev_group dgroup1', list_driver: '-list_driver',
  list_target: '-list_target', list_group: '-list_group', list_sessions: '-list_sessions', list_scst_attr: '-list_scst_attr', list_hnd_attr: '-list_hnd_attr vdisk_fileio',
  list_dev_attr: '-list_dev_attr disk0', list_dgrp_attr: '-list_dgrp_attr dgroup1', list_tgrp_attr: '-list_tgrp_attr tgroup1 -dev_group dgroup1',
  list_ttgt_attr: '-list_ttgt_attr local -dev_group dgroup1 -tgt_group tgroup1', list_drv_attr: '-list_drv_attr iscsi', list_tgt_attr: `-list_tgt_attr local -driver scst_local`,
  list_grp_attr: `-list_grp_attr ig ${L}`, list_lun_attr: `-list_lun_attr 0 ${L}`, list_init_attr: `-list_init_attr ini1 ${L} -group ig`,
  set_scst_attr: '-set_scst_attr -attributes poll_us=0', set_hnd_attr: '-set_hnd_attr vdisk_fileio -attributes trace_level=default',
  set_dev_attr: '-set_dev_attr nodev -attributes t10_vend_id=LAB', set_dgrp_attr: '-set_dgrp_attr dgroup1 -attributes x=1',
  set_tgrp_attr: '-set_tgrp_attr tgroup1 -dev_group dgroup1 -attributes state=active', set_ttgt_attr: '-set_ttgt_attr remote -dev_group dgroup1 -tgt_group tgroup2 -attributes rel_tgt_id=11',
  set_drv_attr: '-set_drv_attr iscsi -attributes enabled=1', set_tgt_attr: `-set_tgt_attr local -driver scst_local -attributes comment=lab`,
  set_grp_attr: `-set_grp_attr ig ${L} -attributes black_hole=0`, set_lun_attr: `-set_lun_attr 0 ${L} -attributes read_only=0`,
  set_init_attr: `-set_init_attr ini1 ${L} -group ig -attributes x=1`,
  add_target: '-add_target iqn.2024-01.lab:c -driver iscsi',
  add_drv_attr: ['-add_drv_attr', 'iscsi', '-attributes', 'IncomingUser=joe 12charsecret'], rem_drv_attr: '-rem_drv_attr iscsi -attributes IncomingUser=joe',
  add_tgt_attr: '-add_tgt_attr iqn.2024-01.lab:c -driver iscsi -attributes allowed_portal=10.0.0.*', rem_tgt_attr: '-rem_tgt_attr iqn.2024-01.lab:c -driver iscsi -attributes allowed_portal=10.0.0.*',
  open_dev: '-open_dev n2 -handler vdisk_nullio', resync_dev: '-resync_dev disk1',
  add_dgrp: '-add_dgrp dg3', add_dgrp_dev: '-add_dgrp_dev n2 -dev_group dg3', rem_dgrp_dev: '-rem_dgrp_dev n2 -dev_group dg3', add_tgrp: '-add_tgrp tg3 -dev_group dg3',
  add_tgrp_tgt: '-add_tgrp_tgt local -dev_group dg3 -tgt_group tg3', rem_tgrp_tgt: '-rem_tgrp_tgt local -dev_group dg3 -tgt_group tg3', rem_tgrp: '-rem_tgrp tg3 -dev_group dg3', rem_dgrp: '-rem_dgrp dg3', close_dev: '-close_dev n2 -handler vdisk_nullio',
  enable_target: '-enable_target iqn.2024-01.lab:c -driver iscsi', disable_target: '-disable_target iqn.2024-01.lab:c -driver iscsi',
  add_group: `-add_group g2 ${L}`, add_init: `-add_init i9 ${L} -group g2`, move_init: `-move_init i9 ${L} -group g2 -to ig`, rem_init: `-rem_init i9 ${L} -group ig`,
  clear_inits: `-clear_inits ${L} -group g2`, add_lun: `-add_lun 5 ${L} -device disk1`, replace_lun: `-replace_lun 5 ${L} -device nodev`, rem_lun: `-rem_lun 5 ${L}`,
  clear_luns: `-clear_luns ${L} -group g2`, rem_group: `-rem_group g2 ${L}`, rem_target: '-rem_target iqn.2024-01.lab:c -driver iscsi', issue_lip: '-issue_lip',
};

/** scstadmin's result codes: a missing file; a query with nothing below its table; an initiator, which has no attributes. */
const FAILING: Array<[string, number]> = [
  ['config', 1], ['check_config', 1], ['list_drv_attr', 1], ['list_grp_attr', 1], ['list_init_attr', 1], ['set_init_attr', 1],
];

let lab: CompatLab;
beforeAll(async () => {
  lab = await suiteLab();
}, 60_000);
afterAll(() => lab.cleanup());

const ROOT = join(import.meta.dirname, '..', '..');
const run = (file: string, args: string[]) => execa('node', [join(ROOT, 'bin', file), ...args], { reject: false, env: lab.env, stdin: 'ignore' });

// First: the checklist run below ends with -clear_config.
describe('the operations of this round through both entry points', () => {
  it.each([
    ['-set_scst_attr', '-attributes', 'poll_us=0', '-noprompt'],
    ['-set_grp_attr', 'ig', '-driver', 'scst_local', '-target', 'local', '-attributes', 'nosuch=1', '-noprompt'],
    ['-set_lun_attr', '0', '-driver', 'scst_local', '-target', 'local', '-attributes', 'read_only=1', '-noprompt'],
    ['-issue_lip'],
    ['-dumpAttrs'],
  ])('%s prints the same through scstadmin-compat and scstadmin-ts compat', async (...args) => {
    const direct = await run('scstadmin-compat.js', args);
    const viaCli = await run('run.js', ['compat', ...args]);
    expect(direct.stdout).toMatch(/^\nCollecting current configuration: done\.\n/);
    expect(direct.stdout).not.toContain('FATAL');
    expect([viaCli.stdout, viaCli.exitCode]).toEqual([direct.stdout, direct.exitCode]);
  }, 60_000);
});

describe("checklist against Perl scstadmin's options", () => {
  it('knows every option of Perl scstadmin with the same kind, and no other', () => {
    expect(COMPAT_OPTIONS.map((o) => [o.name, o.kind]).sort()).toEqual([...PERL_OPTIONS].sort());
  });

  it('has a run of every operation here', () => {
    const operations = COMPAT_OPTIONS.filter((o) => o.role !== 'modifier').map((o) => o.name);
    expect(Object.keys(OPERATIONS).sort()).toEqual(operations.sort());
  });

  it('runs every operation (in the order above); only the expected ones exit non-zero', async () => {
    const codes: Array<[string, number]> = [];
    for (const [name, line] of Object.entries(OPERATIONS)) {
      if (name === 'clear_config') continue; // last: it empties the host
      const words = Array.isArray(line) ? line : line.replace('WRITE', join(lab.dir, 'written.conf')).split(' ');
      const argv = [...words, '-noprompt'];
      const result = await lab.run(argv);
      codes.push([name, result.code]);
      expect([name, result.all]).toEqual([name, expect.not.stringContaining('not supported')]);
    }
    expect((await lab.run(OPERATIONS.clear_config as string)).code).toBe(0);
    expect(codes.filter(([, code]) => code !== 0)).toEqual(FAILING);
  }, 120_000);
});
