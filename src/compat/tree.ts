/**
 * The few directory listings Perl scstadmin's queries are built from (handlers, devices of a
 * handler, drivers, targets, groups, LUNs, initiators, ALUA groups), each read on demand, plus
 * the absolute path scstadmin names in its messages.
 */
import { isSysfsError, type DirEntry, type Sysfs } from '../sysfs/types.js';
import { objectNameOf, sysfsPath } from '../sysfs/names.js';
import { perlSort } from './output.js';

export class CompatTree {
  constructor(
    readonly sysfs: Sysfs,
    /** Where the tree is, as scstadmin names it in messages (`/sys/kernel/scst_tgt`). */
    readonly root: string,
  ) {}

  absolute(path: string): string {
    return path === '' ? this.root : `${this.root}/${path}`;
  }

  /** The entries of a directory; undefined when it does not exist. */
  async entries(path: string): Promise<DirEntry[] | undefined> {
    try {
      return await this.sysfs.list(path);
    } catch (error) {
      if (isSysfsError(error, 'ENOENT') || isSysfsError(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }

  async isDir(path: string): Promise<boolean> {
    return (await this.entries(path)) !== undefined;
  }

  private async dirNames(path: string, skip: readonly string[] = []): Promise<string[] | undefined> {
    const entries = await this.entries(path);
    return entries?.filter((e) => e.type !== 'file' && !skip.includes(e.name)).map((e) => objectNameOf(e.name));
  }

  async handlers(): Promise<string[]> {
    return perlSort((await this.dirNames('handlers')) ?? []);
  }

  /** The devices of a handler: the links in its directory. */
  async handlerDevices(handler: string): Promise<string[] | undefined> {
    const entries = await this.entries(sysfsPath('handlers', handler));
    return entries?.filter((e) => e.type === 'link').map((e) => e.name);
  }

  async drivers(): Promise<string[]> {
    return perlSort((await this.dirNames('targets')) ?? []);
  }

  async targets(driver: string): Promise<string[] | undefined> {
    const names = await this.dirNames(sysfsPath('targets', driver), ['module']);
    return names && perlSort(names);
  }

  async groups(driver: string, target: string): Promise<string[] | undefined> {
    const names = await this.dirNames(sysfsPath('targets', driver, target, 'ini_groups'));
    return names && perlSort(names);
  }

  async initiators(driver: string, target: string, group: string): Promise<string[] | undefined> {
    const entries = await this.entries(sysfsPath('targets', driver, target, 'ini_groups', group, 'initiators'));
    return entries?.filter((e) => e.name !== 'mgmt').map((e) => e.name);
  }

  lunSetPath(driver: string, target: string, group?: string): string {
    return group ? sysfsPath('targets', driver, target, 'ini_groups', group, 'luns') : sysfsPath('targets', driver, target, 'luns');
  }

  /** LUN number → device name; undefined when the LUN set does not exist. */
  async luns(driver: string, target: string, group?: string): Promise<Map<string, string> | undefined> {
    const path = this.lunSetPath(driver, target, group);
    const entries = await this.entries(path);
    if (!entries) return undefined;
    const luns = new Map<string, string>();
    for (const entry of entries.filter((e) => e.type === 'dir')) {
      const link = (await this.sysfs.list(`${path}/${entry.name}`)).find((e) => e.type === 'link');
      if (link) luns.set(entry.name, (link.target ?? (await this.sysfs.readlink(`${path}/${entry.name}/${link.name}`))).replace(/.*\//, ''));
    }
    return luns;
  }

  async deviceGroups(): Promise<string[]> {
    return perlSort((await this.dirNames('device_groups')) ?? []);
  }

  async deviceGroupDevices(group: string): Promise<string[] | undefined> {
    return this.dirNames(sysfsPath('device_groups', group, 'devices'));
  }

  async targetGroups(group: string): Promise<string[] | undefined> {
    return this.dirNames(sysfsPath('device_groups', group, 'target_groups'));
  }

  async targetGroupTargets(group: string, tgroup: string): Promise<string[] | undefined> {
    const names = await this.dirNames(sysfsPath('device_groups', group, 'target_groups', tgroup));
    return names && perlSort(names);
  }

  /** The names a mgmt help line offers (`The following parameters available: a, b.`). */
  async helpList(mgmtPath: string, prefix: string): Promise<string[] | undefined> {
    let text: string;
    try {
      text = await this.sysfs.read(mgmtPath);
    } catch (error) {
      if (isSysfsError(error)) return undefined;
      throw error;
    }
    const line = text.split('\n').find((l) => l.startsWith(prefix));
    if (!line) return [];
    return line.slice(prefix.length).replace(/\.\s*$/, '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  }
}

export const HELP = {
  create: 'The following parameters available:',
  driverDynamic: 'The following target driver attributes available:',
  targetDynamic: 'The following target attributes available:',
} as const;
