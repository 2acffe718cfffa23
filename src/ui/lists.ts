/**
 * The listings of list-devices and list-targets: rows from the live model, as aligned columns
 * for people and as the documented JSON shapes (docs/devices.md, docs/targets.md).
 */
import type { LunRef, ScstConfig } from '../model/types.js';
import { alignColumns } from './columns.js';
import { formatBytes } from './units.js';

export interface DeviceRow {
  name: string;
  handler: string;
  /** Bytes, when SCST reports a size. */
  size: number | null;
  /** The backing file or block device (vcdrom: the media), when there is one. */
  filename: string | null;
  readOnly: boolean;
  exports: LunRef[];
}

export function deviceRows(live: ScstConfig): DeviceRow[] {
  return Object.values(live.handlers)
    .flatMap((h) => Object.values(h.devices))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => ({
      name: d.name,
      handler: d.handler,
      size: d.size ?? null,
      filename: d.attributes.filename?.at(-1) ?? null,
      readOnly: (d.attributes.read_only?.at(-1) ?? '0') !== '0',
      exports: d.exports ?? [],
    }));
}

const where = (e: LunRef) => `${e.target}${e.group === undefined ? '' : `/${e.group}`} lun ${e.lun}`;

export function renderDevices(rows: DeviceRow[]): string[] {
  if (rows.length === 0) return ['No devices.'];
  return alignColumns([
    ['DEVICE', 'HANDLER', 'SIZE', 'RO', 'FILE', 'EXPORTED AS'],
    ...rows.map((r) => [r.name, r.handler, r.size === null ? '-' : formatBytes(r.size), r.readOnly ? 'ro' : '-', r.filename ?? '-', r.exports.map(where).join(', ') || '-']),
  ]);
}

export interface TargetRow {
  driver: string;
  name: string;
  /** Undefined for drivers whose targets have no `enabled`. */
  enabled: boolean | null;
  hardware: boolean;
  /** LUNs of the default set. */
  luns: number;
  groups: string[];
  sessions: number;
}

/** Targets of every driver but copy_manager (SCST's own, mapping every device by itself). */
export function targetRows(live: ScstConfig, driver?: string): TargetRow[] {
  return Object.values(live.drivers)
    .filter((d) => d.name !== 'copy_manager' && (driver === undefined || d.name === driver))
    .flatMap((d) => Object.values(d.targets).map((t) => ({
      driver: d.name,
      name: t.name,
      enabled: t.enabled ?? null,
      hardware: t.hardware ?? false,
      luns: Object.keys(t.luns).length,
      groups: Object.keys(t.groups),
      sessions: t.sessions?.length ?? 0,
    })));
}

export function renderTargets(rows: TargetRow[]): string[] {
  if (rows.length === 0) return ['No targets.'];
  return alignColumns([
    ['DRIVER', 'TARGET', 'ENABLED', 'LUNS', 'GROUPS', 'SESSIONS'],
    ...rows.map((r) => [r.driver, r.name, r.enabled === null ? '-' : r.enabled ? 'yes' : 'no', String(r.luns), r.groups.join(' ') || '-', String(r.sessions)]),
  ]);
}
