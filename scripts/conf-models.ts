/** Random configuration models for property tests: a seeded generator, no dependencies. */
import { dict, emptyConfig, type AttrValues, type ScstConfig, type Target } from '../src/model/types.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Gen {
  constructor(readonly random: () => number) {}
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  word(alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789_-:', min = 1, max = 12): string {
    let s = '';
    const n = min + this.int(max - min + 1);
    for (let i = 0; i < n; i += 1) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  name(): string {
    return this.word('abcdefghijklmnopqrstuvwxyz', 1, 1) + this.word('abcdefghijklmnopqrstuvwxyz0123456789_-:#', 0, 14);
  }
  /** A value scst.conf can carry: blanks, '#' and '\' included, never ending in '\' when it has a blank. */
  value(): string {
    const v = this.word('abcdefghijklmnopqrstuvwxyzABC0123456789 #\\/._,:*=;', 0, 24);
    return v.includes(' ') && v.endsWith('\\') ? `${v}x` : v;
  }
  unique(count: number, make: () => string): string[] {
    const set = new Set<string>();
    for (let i = 0; i < count * 3 && set.size < count; i += 1) set.add(make());
    return [...set];
  }
  attributes(max = 4): AttrValues {
    const attrs = dict<string[]>();
    for (const name of this.unique(this.int(max + 1), () => `x_${this.word('abcdefghijklmnopqrstuvwxyz_', 1, 10)}`)) {
      attrs[name] = this.chance(0.2) ? this.unique(1 + this.int(3), () => this.value()).filter((v) => v !== 'v' && v !== '').concat('v').sort(byteOrder) : [this.value()];
    }
    if (this.chance(0.2)) attrs.IncomingUser = this.unique(1 + this.int(3), () => `${this.word()} ${this.word('abcdefghijk0123456789', 12, 16)}`).sort(byteOrder);
    return attrs;
  }
}

function target(g: Gen, name: string, devices: string[]): Target {
  const t: Target = { name, attributes: g.attributes(), luns: dict(), groups: dict() };
  if (g.chance(0.2)) t.hardware = true;
  if (g.chance(0.7)) t.enabled = g.chance(0.5);
  const lunSet = (luns: Target['luns']) => {
    for (const n of g.unique(g.int(4), () => String(g.int(20)))) {
      luns[n] = { lun: Number(n), device: g.pick(devices), attributes: g.chance(0.3) ? { read_only: ['1'] } : dict() };
    }
  };
  lunSet(t.luns);
  for (const gName of g.unique(g.int(3), () => g.name())) {
    const group = { name: gName, attributes: g.chance(0.3) ? g.attributes(2) : dict<string[]>(), luns: dict<Target['luns'][string]>(), initiators: g.unique(g.int(3), () => `iqn.2024-01.x:${g.word()}`).sort(byteOrder) };
    lunSet(group.luns);
    t.groups[gName] = group;
  }
  return t;
}

export function randomConfig(seed: number): ScstConfig {
  const g = new Gen(rng(seed));
  const c = emptyConfig();
  c.attributes = g.attributes(3);
  const devices: string[] = [];
  for (const h of g.unique(1 + g.int(3), () => g.pick(['vdisk_fileio', 'vdisk_blockio', 'vdisk_nullio', 'dev_disk', 'my_handler']))) {
    const handler = { name: h, attributes: g.chance(0.2) ? g.attributes(2) : dict<string[]>(), devices: dict<ScstConfig['handlers'][string]['devices'][string]>() };
    for (const d of g.unique(1 + g.int(4), () => g.name())) {
      if (devices.includes(d)) continue;
      devices.push(d);
      handler.devices[d] = { name: d, handler: h, attributes: g.attributes(3) };
    }
    c.handlers[h] = handler;
  }
  for (const drv of g.unique(1 + g.int(3), () => g.pick(['iscsi', 'copy_manager', 'scst_local', 'qla2x00t', 'chelsio']))) {
    const driver: ScstConfig['drivers'][string] = { name: drv, attributes: g.attributes(2), targets: dict(), enabled: g.chance(0.5) };
    for (const t of g.unique(1 + g.int(3), () => g.name())) driver.targets[t] = target(g, t, devices);
    c.drivers[drv] = driver;
  }
  if (g.chance(0.3)) c.alua = g.attributes(2);
  for (const dg of g.unique(g.int(3), () => g.name())) {
    const group: ScstConfig['deviceGroups'][string] = { name: dg, attributes: g.chance(0.3) ? g.attributes(2) : dict(), devices: g.unique(1 + g.int(2), () => g.pick(devices)).sort(byteOrder), targetGroups: dict() };
    for (const tg of g.unique(g.int(3), () => g.name())) {
      const targets = dict<{ name: string; remote?: boolean; attributes: AttrValues }>();
      for (const m of g.unique(g.int(3), () => g.name())) {
        targets[m] = g.chance(0.4) ? { name: m, remote: true, attributes: { rel_tgt_id: [String(1 + g.int(100))] } } : { name: m, attributes: dict() };
      }
      group.targetGroups[tg] = { name: tg, attributes: { group_id: [String(1 + g.int(100))], state: ['active'] }, targets };
    }
    c.deviceGroups[dg] = group;
  }
  return c;
}
