/**
 * Which vdisk device holds a given `usn` — add_device refuses a name whose generated usn another
 * device already shows (EEXIST). Kept as an index per kernel so that creating thousands of
 * devices does not scan them all each time; entries are checked against the state on lookup,
 * so a stale entry (device gone, usn rewritten) is harmless.
 */
import type { Kernel } from '../kernel.js';

const indexes = new WeakMap<Kernel, Map<string, Set<string>>>();

function indexOf(k: Kernel, isVdisk: (handler: string | null) => boolean): Map<string, Set<string>> {
  let index = indexes.get(k);
  if (!index) {
    index = new Map();
    for (const device of Object.values(k.state.devices)) {
      if (isVdisk(device.handler)) noteUsn(index, String(device.attrs.usn), device.name);
    }
    indexes.set(k, index);
  }
  return index;
}

function noteUsn(index: Map<string, Set<string>>, usn: string, device: string): void {
  let names = index.get(usn);
  if (!names) index.set(usn, (names = new Set()));
  names.add(device);
}

export function recordUsn(k: Kernel, usn: string, device: string): void {
  const index = indexes.get(k);
  if (index) noteUsn(index, usn, device);
}

/** The vdisk device that shows `usn`, if any. */
export function usnHolder(k: Kernel, usn: string, isVdisk: (handler: string | null) => boolean): string | undefined {
  const names = indexOf(k, isVdisk).get(usn);
  if (!names) return undefined;
  for (const name of names) {
    const device = k.device(name);
    if (device && isVdisk(device.handler) && device.attrs.usn === usn) return name;
    names.delete(name);
  }
  return undefined;
}
