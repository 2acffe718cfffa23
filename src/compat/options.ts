/**
 * Perl scstadmin's options: each one's value kind (flag, `=s`, `:s`) and its role. Queries,
 * attribute sets and operations are the "operations" of which only one may be given at a time;
 * the rest (names of objects, -attributes, -force, …) qualify them. The usage text, the parser
 * and the dispatcher all read this one table.
 */
import type { OptionKind, OptionSpec } from './getopt.js';

export type OptionRole = 'query' | 'set' | 'op' | 'modifier';

export interface CompatOption extends OptionSpec {
  role: OptionRole;
  /** The operand shown in the usage text, e.g. `<device>`; `[<x>]` when optional. */
  operand?: string;
  /** One line for the usage text (our words). */
  help: string;
}

const opt = (name: string, kind: OptionKind, role: OptionRole, help: string, operand?: string): CompatOption =>
  ({ name, kind, role, help, ...(operand ? { operand } : {}) });

export const COMPAT_OPTIONS: readonly CompatOption[] = [
  opt('config', 'optional', 'op', 'Apply the configuration file (default /etc/scst.conf).', '[<file>]'),
  opt('clear_config', 'flag', 'op', 'Remove the whole running configuration (needs -force).'),
  opt('write_config', 'required', 'op', 'Save the running configuration to the file.', '<file>'),
  opt('check_config', 'optional', 'op', 'Check the configuration file (default /etc/scst.conf).', '[<file>]'),

  opt('list_handler', 'optional', 'query', 'List handlers and their devices.', '[<handler>]'),
  opt('list_device', 'optional', 'query', 'List devices, or the attributes of one.', '[<device>]'),
  opt('list_dgrp', 'optional', 'query', 'List ALUA device groups, or one of them.', '[<dgrp>]'),
  opt('list_tgrp', 'optional', 'query', 'List the target groups of -dev_group.', '[<tgrp>]'),
  opt('list_driver', 'optional', 'query', 'List target drivers, or the targets of one.', '[<driver>]'),
  opt('list_target', 'optional', 'query', 'List targets (of -driver), or the LUNs of one.', '[<target>]'),
  opt('list_group', 'optional', 'query', 'List LUNs and initiators of groups (-driver, -target).', '[<group>]'),
  opt('list_sessions', 'flag', 'query', 'List the sessions of every target.'),

  opt('list_scst_attr', 'flag', 'query', 'List the attributes of the SCST core.'),
  opt('list_hnd_attr', 'required', 'query', 'List the attributes of a handler.', '<handler>'),
  opt('list_dev_attr', 'required', 'query', 'List the attributes of a device.', '<device>'),
  opt('list_dgrp_attr', 'required', 'query', 'List the attributes of a device group.', '<dgrp>'),
  opt('list_tgrp_attr', 'required', 'query', 'List the attributes of a target group (-dev_group).', '<tgrp>'),
  opt('list_ttgt_attr', 'required', 'query', 'List the attributes of a target group member (-dev_group, -tgt_group).', '<target>'),
  opt('list_drv_attr', 'required', 'query', 'List the attributes of a target driver.', '<driver>'),
  opt('list_tgt_attr', 'required', 'query', 'List the attributes of a target (-driver).', '<target>'),
  opt('list_grp_attr', 'required', 'query', 'List the attributes of a group (-driver, -target).', '<group>'),
  opt('list_lun_attr', 'required', 'query', 'List the attributes of a LUN (-driver, -target, [-group]).', '<lun>'),
  opt('list_init_attr', 'required', 'query', 'List the attributes of an initiator (-driver, -target, -group).', '<initiator>'),

  opt('set_scst_attr', 'flag', 'set', 'Set SCST core attributes (-attributes).'),
  opt('set_hnd_attr', 'required', 'set', 'Set handler attributes (-attributes).', '<handler>'),
  opt('set_dev_attr', 'required', 'set', 'Set device attributes (-attributes).', '<device>'),
  opt('set_dgrp_attr', 'required', 'set', 'Set device group attributes (-attributes).', '<dgrp>'),
  opt('set_tgrp_attr', 'required', 'set', 'Set target group attributes (-dev_group, -attributes).', '<tgrp>'),
  opt('set_ttgt_attr', 'required', 'set', 'Set target group member attributes (-dev_group, -tgt_group, -attributes).', '<target>'),
  opt('set_drv_attr', 'required', 'set', 'Set target driver attributes (-attributes).', '<driver>'),
  opt('set_tgt_attr', 'required', 'set', 'Set target attributes (-driver, -attributes).', '<target>'),
  opt('set_grp_attr', 'required', 'set', 'Set group attributes (-driver, -target, -attributes).', '<group>'),
  opt('set_lun_attr', 'required', 'set', 'Set LUN attributes (-driver, -target, [-group], -attributes).', '<lun>'),
  opt('set_init_attr', 'required', 'set', 'Set initiator attributes (-driver, -target, -group, -attributes).', '<initiator>'),

  opt('add_drv_attr', 'required', 'op', 'Add dynamic driver attributes (-attributes).', '<driver>'),
  opt('add_tgt_attr', 'required', 'op', 'Add dynamic target attributes (-driver, -attributes).', '<target>'),
  opt('rem_drv_attr', 'required', 'op', 'Remove dynamic driver attributes (-attributes).', '<driver>'),
  opt('rem_tgt_attr', 'required', 'op', 'Remove dynamic target attributes (-driver, -attributes).', '<target>'),

  opt('open_dev', 'required', 'op', 'Create a device (-handler, [-attributes]).', '<device>'),
  opt('close_dev', 'required', 'op', 'Delete a device (-handler).', '<device>'),
  opt('resync_dev', 'required', 'op', 'Tell initiators the device size changed.', '<device>'),

  opt('add_dgrp', 'required', 'op', 'Create an ALUA device group.', '<dgrp>'),
  opt('rem_dgrp', 'required', 'op', 'Delete an ALUA device group.', '<dgrp>'),
  opt('add_dgrp_dev', 'required', 'op', 'Add a device to -dev_group.', '<device>'),
  opt('rem_dgrp_dev', 'required', 'op', 'Remove a device from -dev_group.', '<device>'),
  opt('add_tgrp', 'required', 'op', 'Create a target group in -dev_group.', '<tgrp>'),
  opt('rem_tgrp', 'required', 'op', 'Delete a target group of -dev_group.', '<tgrp>'),
  opt('add_tgrp_tgt', 'required', 'op', 'Add a target to -tgt_group of -dev_group.', '<target>'),
  opt('rem_tgrp_tgt', 'required', 'op', 'Remove a target from -tgt_group of -dev_group.', '<target>'),

  opt('add_target', 'required', 'op', 'Create a target (-driver, [-attributes]).', '<target>'),
  opt('rem_target', 'required', 'op', 'Delete a target (-driver).', '<target>'),
  opt('add_group', 'required', 'op', 'Create an initiator group (-driver, -target).', '<group>'),
  opt('rem_group', 'required', 'op', 'Delete an initiator group (-driver, -target).', '<group>'),

  opt('add_init', 'required', 'op', 'Add an initiator to -group (-driver, -target).', '<initiator>'),
  opt('rem_init', 'required', 'op', 'Remove an initiator from -group (-driver, -target).', '<initiator>'),
  opt('move_init', 'required', 'op', 'Move an initiator from -group to -to (-driver, -target).', '<initiator>'),
  opt('clear_inits', 'flag', 'op', 'Remove every initiator of -group (-driver, -target).'),

  opt('add_lun', 'required', 'op', 'Map -device at a LUN (-driver, -target, [-group], [-attributes]).', '<lun>'),
  opt('rem_lun', 'required', 'op', 'Unmap a LUN (-driver, -target, [-group]).', '<lun>'),
  opt('replace_lun', 'required', 'op', 'Map another -device at a LUN (-driver, -target, [-group]).', '<lun>'),
  opt('clear_luns', 'flag', 'op', 'Unmap every LUN (-driver, -target, [-group]).'),

  opt('enable_target', 'required', 'op', 'Enable a target (-driver).', '<target>'),
  opt('disable_target', 'required', 'op', 'Disable a target (-driver).', '<target>'),
  opt('issue_lip', 'optional', 'op', 'Issue a LIP on Fibre Channel targets ([-driver]).', '[<target>]'),
  opt('lip', 'flag', 'modifier', 'Issue a LIP after Fibre Channel changes.'),
  opt('no_lip', 'flag', 'modifier', 'Never issue a LIP.'),

  opt('handler', 'required', 'modifier', 'The device handler.', '<handler>'),
  opt('attributes', 'required', 'modifier', 'Attributes as name=value,name=value.', '<p=v,...>'),
  opt('driver', 'required', 'modifier', 'The target driver.', '<driver>'),
  opt('target', 'required', 'modifier', 'The target.', '<target>'),
  opt('group', 'required', 'modifier', 'The initiator group.', '<group>'),
  opt('to', 'required', 'modifier', 'The initiator group to move to.', '<group>'),
  opt('device', 'required', 'modifier', 'The device.', '<device>'),
  opt('dev_group', 'required', 'modifier', 'The ALUA device group.', '<dgrp>'),
  opt('tgt_group', 'required', 'modifier', 'The ALUA target group.', '<tgrp>'),

  opt('h', 'flag', 'modifier', 'Show this text.'),
  opt('help', 'flag', 'modifier', 'Show this text.'),
  opt('nonkey', 'flag', 'modifier', 'Also write or list attributes that are not key attributes.'),
  opt('noprompt', 'flag', 'modifier', 'Do not ask for confirmation.'),
  opt('cont_on_err', 'flag', 'modifier', 'Carry on after a failed change.'),
  opt('force', 'flag', 'modifier', 'Allow removals and re-creations (DANGER).'),
  opt('dumpAttrs', 'flag', 'modifier', 'Print the attributes of the SCST core and of every device.'),
  opt('debug', 'flag', 'modifier', 'Debug mode.'),
];

export function optionByName(name: string): CompatOption | undefined {
  return COMPAT_OPTIONS.find((o) => o.name === name);
}
