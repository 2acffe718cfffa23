/**
 * The -list_* queries by option name, in Perl scstadmin's order. Queries may be combined
 * (scstadmin counts them as one operation and runs each one given, in this order).
 */
import type { CompatArgs } from './args.js';
import * as attrs from './list-attributes.js';
import * as objects from './list-objects.js';
import type { QueryContext } from './list-objects.js';
import type { CompatOutput } from './output.js';
import type { CompatTree } from './tree.js';

type Query = (ctx: QueryContext, arg: string, get: (name: string) => string | undefined) => Promise<number>;

const QUERIES: ReadonlyArray<[string, Query]> = [
  ['list_handler', (ctx, arg) => objects.listHandlers(ctx, arg)],
  ['list_device', (ctx, arg) => objects.listDevices(ctx, arg)],
  ['list_dgrp', (ctx, arg) => objects.listDeviceGroups(ctx, arg || undefined)],
  ['list_tgrp', (ctx, arg, get) => objects.listTargetGroups(ctx, get('dev_group'), arg || undefined)],
  ['list_driver', (ctx, arg) => objects.listDrivers(ctx, arg)],
  ['list_target', (ctx, arg, get) => objects.listTargets(ctx, get('driver'), arg || undefined)],
  ['list_group', (ctx, arg, get) => objects.listGroups(ctx, get('driver'), get('target'), arg || undefined)],
  ['list_sessions', (ctx) => objects.listSessions(ctx)],
  ['list_scst_attr', (ctx) => attrs.listScstAttributes(ctx)],
  ['list_hnd_attr', (ctx, arg) => attrs.listHandlerAttributes(ctx, arg)],
  ['list_dev_attr', (ctx, arg) => attrs.listDevice(ctx, arg)],
  ['list_drv_attr', (ctx, arg) => attrs.listDriverAttributes(ctx, arg)],
  ['list_tgt_attr', (ctx, arg, get) => attrs.listTargetAttributes(ctx, get('driver')!, arg)],
  ['list_grp_attr', (ctx, arg, get) => attrs.listGroupAttributes(ctx, get('driver')!, get('target')!, arg)],
  ['list_lun_attr', (ctx, arg, get) => attrs.listLunAttributes(ctx, get('driver')!, get('target')!, get('group'), arg)],
  ['list_init_attr', (ctx, arg, get) => attrs.listInitiatorAttributes(ctx, get('driver')!, get('target')!, get('group')!, arg)],
  ['list_dgrp_attr', (ctx, arg) => attrs.listDeviceGroupAttributes(ctx, arg)],
  ['list_tgrp_attr', (ctx, arg, get) => attrs.listTargetGroupAttributes(ctx, get('dev_group')!, arg)],
  ['list_ttgt_attr', (ctx, arg, get) => attrs.listTargetGroupTargetAttributes(ctx, get('dev_group')!, get('tgt_group')!, arg)],
];

/** Runs the queries given; undefined when none was. */
export async function runQuery(tree: CompatTree, out: CompatOutput, args: CompatArgs): Promise<number | undefined> {
  const ctx: QueryContext = { tree, out, nonkey: args.values.has('nonkey') };
  const get = (name: string) => {
    const value = args.values.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  let rc: number | undefined;
  for (const [name, query] of QUERIES) {
    if (args.values.has(name)) rc = await query(ctx, get(name) ?? '', get);
  }
  return rc;
}
