/**
 * From parsed options to what scstadmin was asked: the one operation, its qualifiers, and the
 * argument checks Perl scstadmin makes before it touches SCST, with its words and exit code 1.
 */
import { parseOptions } from './getopt.js';
import { COMPAT_OPTIONS } from './options.js';

export const DEFAULT_CONFIG = '/etc/scst.conf';

export interface CompatArgs {
  /** Option name → value (`true` for flags), as given. */
  values: Map<string, string | true>;
  attributes: Map<string, string>;
}

export type ArgsResult =
  | { kind: 'ok'; args: CompatArgs }
  | { kind: 'help' }
  /** Lines to print and the exit code; `stream` says where scstadmin prints them. */
  | { kind: 'error'; stream: 'stdout' | 'stderr'; lines: string[] };

/** Operations that count towards "only one non-query operation at a time" (queries count once). */
const UNCOUNTED = new Set(['resync_dev', 'move_init']);

/** Perl's checks after the count, in its order: the operation(s), what they need, the words. */
const NEEDS: ReadonlyArray<[ops: string[], needs: string[], message: string]> = [
  [['clear_config'], ['force'], 'Please specify -force with -clear_config.'],
  [['list_tgrp'], ['dev_group'], 'Please specify -dev_group with -list_tgrp.'],
  [['list_tgt_attr'], ['driver'], 'Please specify -driver with -list_tgt_attr.'],
  [['list_grp_attr'], ['driver', 'target'], 'Please specify -driver, -target and group with -list_grp_attr.'],
  [['list_lun_attr'], ['driver', 'target'], 'Please specify -driver and -target with -list_lun_attr.'],
  [['list_init_attr'], ['driver', 'target', 'group'], 'Please specify -driver, -target and -group with -list_init_attr.'],
  [['list_tgrp_attr'], ['dev_group'], 'Please specify -dev_group with -list_tgrp_attr.'],
  [['list_ttgt_attr'], ['dev_group', 'tgt_group'], 'Please specify -dev_group and -tgt_group with -list_ttgt_attr.'],
  [['set_scst_attr'], ['attributes'], 'Please specify -attributes with -set_scst_attr.'],
  [['set_hnd_attr'], ['attributes'], 'Please specify -attributes with -set_hnd_attr.'],
  [['set_dev_attr'], ['attributes'], 'Please specify -attributes with -set_dev_attr.'],
  [['set_dgrp_attr'], ['attributes'], 'Please specify -attributes with -set_dgrp_attr.'],
  [['set_tgrp_attr'], ['dev_group', 'attributes'], 'Please specify -dev_group and -attributes with -set_tgrp_attr.'],
  [['set_ttgt_attr'], ['dev_group', 'tgt_group', 'attributes'], 'Please specify -dev_group -tgt_group and -attributes with -set_ttgt_attr.'],
  [['set_drv_attr'], ['attributes'], 'Please specify -attributes with -set_drv_attr.'],
  [['set_tgt_attr'], ['driver', 'attributes'], 'Please specify -driver and -attributes with -set_tgt_attr.'],
  [['set_grp_attr'], ['driver', 'target', 'attributes'], 'Please specify -driver -target and -attributes with -set_grp_attr.'],
  [['set_lun_attr'], ['driver', 'target', 'attributes'], 'Please specify -driver -target -group and -attributes with -set_lun_attr.'],
  [['set_init_attr'], ['driver', 'target', 'group', 'attributes'], 'Please specify -driver -target -group and -attributes with -set_init_attr.'],
  [['add_drv_attr'], ['attributes'], 'Please specify -attributes with -add_drv_attr.'],
  [['add_tgt_attr'], ['driver', 'attributes'], 'Please specify -driver and -attributes with -add_tgt_attr.'],
  [['rem_drv_attr'], ['attributes'], 'Please specify -attributes with -rem_drv_attr.'],
  [['rem_tgt_attr'], ['driver', 'attributes'], 'Please specify -driver and -attributes with -rem_tgt_attr.'],
  [['open_dev', 'close_dev'], ['handler'], 'Please specify -handler with -open_dev/-close_dev.'],
  [['add_target'], ['driver'], 'Please specify -driver with -add_target.'],
  [['rem_target'], ['driver'], 'Please specify -driver with -rem_target.'],
  [['add_group', 'rem_group'], ['driver', 'target'], 'Please specify -driver and -target with -add_group/-rem_group.'],
  [['add_init', 'rem_init', 'clear_inits'], ['target', 'driver', 'group'], 'Please specify -driver -target and -group with -add_init/-rem_init/-clear_inits.'],
  [['move_init'], ['driver', 'target', 'group', 'to'], 'Please specify -driver -target -group and -to with -move_init.'],
  [['add_lun', 'replace_lun'], ['driver', 'target', 'device'], 'Please specify -driver -target and -device with -add_lun/-replace_lun.'],
  [['clear_luns', 'rem_lun'], ['driver', 'target'], 'Please specify -driver and -target with -rem_lun/-clear_luns.'],
  [['add_dgrp_dev', 'rem_dgrp_dev'], ['dev_group'], 'Please specify -dev_group with -add_dgrp_dev/-rem_dgrp_dev.'],
  [['add_tgrp', 'rem_tgrp'], ['dev_group'], 'Please specify -dev_group with -add_tgrp/-rem_tgrp.'],
  [['add_tgrp_tgt', 'rem_tgrp_tgt'], ['dev_group', 'tgt_group'], 'Please specify -dev_group and -tgt_group with -add_tgrp_tgt/-rem_tgrp_tgt.'],
];

export function readArgs(argv: readonly string[]): ArgsResult {
  const parsed = parseOptions(argv, COMPAT_OPTIONS);
  if (parsed.errors.length > 0) return { kind: 'error', stream: 'stderr', lines: parsed.errors };
  const { values } = parsed;
  if (values.has('h') || values.has('help')) return { kind: 'help' };

  const given = (name: string) => values.has(name);
  const role = (r: string) => COMPAT_OPTIONS.filter((o) => o.role === r && given(o.name));
  const queries = role('query').length > 0 ? 1 : 0;
  const others = role('set').length + role('op').filter((o) => !UNCOUNTED.has(o.name)).length;
  if (queries + others > 1) return argError('Please specify only one non-query operation at a time.');

  for (const [ops, needs, message] of NEEDS) {
    if (ops.some(given) && needs.some((n) => !given(n))) return argError(message);
  }
  for (const name of ['config', 'check_config']) if (values.get(name) === '') values.set(name, DEFAULT_CONFIG);
  return { kind: 'ok', args: { values, attributes: splitAttributes(values.get('attributes')) } };
}

function argError(message: string): ArgsResult {
  return { kind: 'error', stream: 'stdout', lines: [message] };
}

/** `-attributes a=v,b,c=w=x`: split at commas, then at the first `=`; a bare name means 1. */
export function splitAttributes(text: string | true | undefined): Map<string, string> {
  const attributes = new Map<string, string>();
  if (typeof text !== 'string' || text === '' || text === '0') return attributes;
  for (const item of text.split(',')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) attributes.set(item, '1');
    else attributes.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return attributes;
}
