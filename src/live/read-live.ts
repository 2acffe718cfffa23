/**
 * The live reader: the SCST sysfs tree into the same `ScstConfig` the parsers produce, so the
 * planner compares like with like. It reads as little as it can: directories are listed (a
 * listing gives names, file modes and link targets at once), and only files whose value could
 * land in the model are read (see attribute-policy.ts). Mgmt files are read only for the
 * handler/driver help text, once each. Calls grow linearly with the number of objects.
 */
import { EXIT, UserError, badInput } from '../errors.js';
import { dict, emptyConfig, type AttrValues, type Device, type DeviceGroup, type Handler, type IniGroup, type Lun, type LunRef, type ScstConfig, type Session, type Target, type TargetDriver, type TargetGroup } from '../model/types.js';
import { isOwnerWritable, parseAttributeText, parseFlag, type AttributeText } from '../sysfs/attribute-text.js';
import { readSettled, type WaitOptions } from '../sysfs/mgmt-write.js';
import { dirNameOf, objectNameOf } from '../sysfs/names.js';
import { isSysfsError, type DirEntry, type Sysfs } from '../sysfs/types.js';
import { filesToRead, savedName, type AttributePolicy } from './attribute-policy.js';
import { parseMgmtHelp } from './help-text.js';
import { liveMessages as msg } from './messages.js';
import { parseScope, type LiveScope } from './scope.js';

/** The LUN creation parameter list is fixed in SCST (spec scst-sysfs §3.4); not re-read per set. */
const LUN_CREATE_PARAMS = ['read_only'];

export interface ReadLiveOptions {
  /** Read only this part of the tree, e.g. `devices/disk1` or `targets/iscsi/IQN` (show PATH). */
  scope?: string;
  /** Retry policy for reads that SCST answers with EAGAIN. */
  wait?: WaitOptions;
  /**
   * Of a device, the attributes a caller needs, when it needs fewer than all (the planner needs
   * those its file names); its handler's creation parameters and `size` are always read.
   * Undefined for a device: all of them.
   */
  deviceAttributes?: (device: string) => ReadonlySet<string> | undefined;
  /**
   * Of each object, named by its directory (`''` for the core, `handlers/H`, `devices/D`,
   * `targets/DRV`, `targets/DRV/T`, `…/ini_groups/G`, `…/luns/N`, `device_groups/…`), the
   * attribute names a caller needs (a numbered instance counts as its base name); undefined:
   * every attribute. When given, the reader reads only those files, asks for no file modes, and
   * learns which device a LUN maps from the devices' `exported` links, so a LUN for which no
   * attribute is needed costs no call of its own. The model then holds only what was asked for.
   */
  attributes?: (object: string) => ReadonlySet<string> | undefined;
  /** Narrower than the scope: only the parts a single-object change touches (src/edit). */
  parts?: ReadParts;
}

/**
 * Which objects below a scoped handler or driver to read; each undefined field means all. An
 * object named here that does not exist is simply absent from the model. With these, a read
 * costs the same calls on a host of 10 objects as of 10 000.
 */
export interface ReadParts {
  /** Devices of a scoped handler. */
  devices?: readonly string[];
  /** Targets of a scoped driver. */
  targets?: readonly string[];
  /** LUN numbers read in a target's default LUN set. */
  luns?: readonly number[];
  /** LUN numbers read in the LUN set of each group read. */
  groupLuns?: readonly number[];
  /** Initiator groups of a target. */
  groups?: readonly string[];
  /** Whether the sessions of a target are read (default: yes). */
  sessions?: boolean;
}

export async function readLive(sysfs: Sysfs, options: ReadLiveOptions = {}): Promise<ScstConfig> {
  return new LiveReader(sysfs, options).read(parseScope(options.scope));
}

class LiveReader {
  private readonly config = emptyConfig();
  private readonly unreadable: Array<{ path: string; errno: string }> = [];
  private readonly wait: WaitOptions;
  private readonly deviceAttributes: ReadLiveOptions['deviceAttributes'];
  private readonly wanted: ReadLiveOptions['attributes'];
  private readonly parts: ReadParts;
  /** Named reading: object listings need no file modes. */
  private readonly modes: boolean;
  /** LUN directory (`targets/DRV/T/…/luns/N`) → device, from the devices' `exported` links. */
  private readonly exportedAt = new Map<string, string>();

  constructor(
    private readonly sysfs: Sysfs,
    options: ReadLiveOptions,
  ) {
    this.wait = options.wait ?? {};
    this.parts = options.parts ?? {};
    this.deviceAttributes = options.deviceAttributes;
    this.wanted = options.attributes;
    this.modes = options.attributes === undefined;
  }

  async read(scope: LiveScope): Promise<ScstConfig> {
    const rootEntries = await this.listRoot();
    const has = (name: string) => rootEntries.some((e) => e.name === name && e.type === 'dir');
    const config = this.config;
    config.live = {};
    const parts: Array<Promise<void>> = [];
    if (scope.section === undefined) parts.push(this.readRoot(rootEntries));
    const devices = (scope.section === undefined || scope.section === 'handlers' || scope.section === 'devices') && has('handlers') ? this.readHandlersAndDevices(scope) : Promise.resolve();
    parts.push(devices);
    // LUNs learn their device from the devices' exports, so targets are read after devices.
    if ((scope.section === undefined || scope.section === 'targets') && has('targets')) parts.push(devices.then(() => this.readDrivers(scope)));
    if ((scope.section === undefined || scope.section === 'device_groups') && has('device_groups')) parts.push(this.readDeviceGroups(scope));
    await Promise.all(parts);
    if (this.unreadable.length > 0) config.live.unreadable = this.unreadable;
    return config;
  }

  // --- root -------------------------------------------------------------------------------

  private async listRoot(): Promise<DirEntry[]> {
    try {
      const entries = await this.sysfs.list('');
      // Any directory lists; SCST's root always holds its `version` file. Without it the
      // root given is not an SCST tree (`--sysfs-root /etc`), and an empty tree would lie.
      if (!entries.some((e) => e.name === 'version')) {
        throw new UserError(msg.notScstTree(this.sysfs.description), { hint: msg.notLoadedHint, code: 'SCST_NOT_LOADED', exitCode: EXIT.FAILED });
      }
      return entries;
    } catch (error) {
      if (isSysfsError(error, 'ENOENT') || isSysfsError(error, 'ENOTDIR')) {
        throw new UserError(msg.notLoaded(this.sysfs.description), { hint: msg.notLoadedHint, code: 'SCST_NOT_LOADED', exitCode: EXIT.FAILED });
      }
      throw error;
    }
  }

  private async readRoot(entries: DirEntry[]): Promise<void> {
    const [{ attributes }, version] = await Promise.all([
      this.readAttributes('', entries, { owner: 'root' }),
      entries.some((e) => e.name === 'version') ? this.readText('version') : Promise.resolve(undefined),
    ]);
    this.config.attributes = attributes;
    const line = version?.split('\n').find((l) => l.startsWith('SCST version:'));
    if (line) this.config.live!.version = line.slice('SCST version:'.length).trim();
  }

  // --- handlers and devices ---------------------------------------------------------------

  private async readHandlersAndDevices(scope: LiveScope): Promise<void> {
    const wantDevice = scope.section === 'devices' ? scope.name : undefined;
    const wantHandler = scope.section === 'handlers' ? scope.name : undefined;
    let deviceNames: string[];
    let handlerNames: string[];
    // Listings already made to find the scoped object are reused, not repeated.
    const listings = new Map<string, DirEntry[]>();
    if (wantDevice !== undefined) {
      const entries = await this.listRequired(`devices/${wantDevice}`);
      listings.set(`devices/${wantDevice}`, entries);
      deviceNames = [wantDevice];
      const handler = linkBase(entries, 'handler');
      handlerNames = handler === undefined ? [] : [handler];
    } else if (wantHandler !== undefined) {
      const entries = await this.listRequired(`handlers/${wantHandler}`);
      listings.set(`handlers/${wantHandler}`, entries);
      handlerNames = [wantHandler];
      deviceNames = entries.filter((e) => e.type === 'link').map((e) => e.name);
      if (this.parts.devices) deviceNames = deviceNames.filter((d) => this.parts.devices!.includes(d));
    } else {
      const [handlers, devices] = await Promise.all([this.list('handlers', false), this.list('devices', false)]);
      handlerNames = dirNames(handlers);
      deviceNames = dirNames(devices);
    }
    const listed = (path: string) => listings.get(path) ?? this.list(path, path.startsWith('handlers/') || this.modes);
    // Device directories are listed while the handlers' help texts are read; a device's
    // attributes need its handler's creation parameters, so they are read after.
    const deviceEntries = Promise.all(deviceNames.map((d) => listed(`devices/${d}`)));
    const handlers = await Promise.all(handlerNames.map(async (h) => this.readHandler(h, await listed(`handlers/${h}`))));
    for (const handler of handlers) this.config.handlers[handler.name] = handler;
    const entries = await deviceEntries;
    const devices = await Promise.all(deviceNames.map((d, i) => this.readDevice(d, entries[i]!)));
    const unbound: string[] = [];
    for (const device of devices) {
      if (device === undefined) continue;
      if ('unbound' in device) {
        unbound.push(device.unbound);
        continue;
      }
      const handler = this.config.handlers[device.handler];
      if (handler) handler.devices[device.name] = device;
    }
    if (unbound.length > 0) this.config.live!.unboundScsiDevices = unbound;
  }

  private async readHandler(name: string, entries: DirEntry[]): Promise<Handler> {
    const path = `handlers/${name}`;
    const [help, type, { attributes }] = await Promise.all([
      this.readHelp(path, entries),
      has(entries, 'type') ? this.readText(`${path}/type`) : Promise.resolve(undefined),
      this.readAttributes(path, entries.filter((e) => e.name !== 'type'), { owner: 'handler' }),
    ]);
    const handler: Handler = { name, attributes, devices: dict() };
    if (help) handler.createParams = help.createParams;
    if (type !== undefined) handler.type = parseAttributeText(type).value;
    return handler;
  }

  private async readDevice(name: string, entries: DirEntry[]): Promise<Device | { unbound: string } | undefined> {
    const handlerName = linkBase(entries, 'handler');
    if (handlerName === undefined) return entries.length > 0 ? { unbound: name } : undefined;
    const handler = this.config.handlers[handlerName];
    const path = `devices/${name}`;
    const named = this.deviceAttributes?.(name);
    const attributeEntries = named === undefined ? entries : entries.filter((e) => named.has(e.name) || e.name === 'size' || handler?.createParams?.includes(e.name));
    const [{ attributes, values }, exports] = await Promise.all([
      this.readAttributes(path, attributeEntries, { owner: 'device', createParams: handler?.createParams, alsoRead: ['size'] }),
      hasDir(entries, 'exported') ? this.readExports(`${path}/exported`) : Promise.resolve([]),
    ]);
    const device: Device = { name, handler: handlerName, attributes };
    const size = values.get('size')?.value;
    if (size !== undefined && /^\d+$/.test(size)) device.size = Number(size);
    if (exports.length > 0) device.exports = exports;
    return device;
  }

  private async readExports(path: string): Promise<LunRef[]> {
    const refs: LunRef[] = [];
    const device = path.split('/')[1]!;
    for (const entry of await this.list(path, false)) {
      if (entry.type !== 'link' || !entry.target) continue;
      const at = entry.target.indexOf('targets/');
      if (at >= 0) this.exportedAt.set(entry.target.slice(at), device);
      const ref = parseExportLink(entry.target);
      if (ref && ref.driver !== 'copy_manager') refs.push(ref);
    }
    return refs;
  }

  // --- target drivers and targets ---------------------------------------------------------

  private async readDrivers(scope: LiveScope): Promise<void> {
    let names: string[];
    let scoped: DirEntry[] | undefined;
    if (scope.name !== undefined) {
      scoped = await this.listRequired(`targets/${scope.name}`);
      names = [scope.name];
    } else {
      names = dirNames(await this.list('targets', false));
    }
    const drivers = await Promise.all(names.map(async (n) => this.readDriver(n, scoped ?? (await this.list(`targets/${n}`)), scope.target)));
    for (const driver of drivers) this.config.drivers[driver.name] = driver;
  }

  private async readDriver(name: string, entries: DirEntry[], onlyTarget?: string): Promise<TargetDriver> {
    const path = `targets/${name}`;
    const mgmt = entries.find((e) => e.name === 'mgmt' && e.type === 'file');
    const [help, enabled, openState, { attributes }] = await Promise.all([
      this.readHelp(path, entries),
      has(entries, 'enabled') ? this.readText(`${path}/enabled`) : Promise.resolve(undefined),
      has(entries, 'open_state') ? this.readText(`${path}/open_state`) : Promise.resolve(undefined),
      onlyTarget === undefined ? this.readAttributes(path, entries, { owner: 'driver' }) : Promise.resolve({ attributes: dict<string[]>() }),
    ]);
    const driver: TargetDriver = { name, attributes, targets: dict(), virtual: mgmt !== undefined && isOwnerWritable(mgmt.mode) };
    if (enabled !== undefined) driver.enabled = parseFlag(enabled);
    if (help) {
      driver.createParams = help.createParams;
      driver.dynamicDriverAttributes = help.driverAttributes;
      driver.dynamicTargetAttributes = help.targetAttributes;
    }
    if (openState !== undefined) driver.daemon = parseAttributeText(openState).value.trim() === 'open' ? 'connected' : 'absent';
    let targetDirs = entries.filter((e) => e.type === 'dir').map((e) => e.name);
    let scoped: DirEntry[] | undefined;
    if (onlyTarget !== undefined) {
      scoped = await this.listRequired(`${path}/${onlyTarget}`);
      targetDirs = [onlyTarget];
    } else if (this.parts.targets) {
      const wanted = new Set(this.parts.targets.map(dirNameOf));
      targetDirs = targetDirs.filter((dir) => wanted.has(dir));
    }
    const targets = await Promise.all(targetDirs.map(async (dir) => this.readTarget(driver, `${path}/${dir}`, dir, scoped ?? (await this.list(`${path}/${dir}`, this.modes)))));
    for (const target of targets) driver.targets[target.name] = target;
    return driver;
  }

  private async readTarget(driver: TargetDriver, path: string, dir: string, entries: DirEntry[]): Promise<Target> {
    const [enabled, hwTarget, { attributes }, luns, groups, sessions] = await Promise.all([
      has(entries, 'enabled') ? this.readText(`${path}/enabled`) : Promise.resolve(undefined),
      has(entries, 'hw_target') ? this.readText(`${path}/hw_target`) : Promise.resolve(undefined),
      this.readAttributes(path, entries, { owner: 'target', createParams: driver.createParams }),
      hasDir(entries, 'luns') ? this.readLunSet(`${path}/luns`, this.parts.luns) : Promise.resolve(dict<Lun>()),
      hasDir(entries, 'ini_groups') ? this.readGroups(`${path}/ini_groups`) : Promise.resolve(dict<IniGroup>()),
      hasDir(entries, 'sessions') && this.parts.sessions !== false ? this.readSessions(`${path}/sessions`) : Promise.resolve([]),
    ]);
    const target: Target = { name: objectNameOf(dir), attributes, luns, groups, sessions };
    if (enabled !== undefined) target.enabled = parseFlag(enabled);
    if (hwTarget !== undefined && parseFlag(hwTarget)) target.hardware = true;
    // scst_local sessions are created with the target (`session_name`), so they are configuration.
    if (driver.createParams?.includes('session_name') && sessions.length > 0) {
      attributes.session_name = sessions.map((s) => s.name);
    }
    return target;
  }

  private async readLunSet(path: string, only: readonly number[] | undefined): Promise<Record<string, Lun>> {
    // Named LUNs are listed directly (a missing one lists as empty): no listing of the whole set.
    const numbers = only ? only.map(String) : dirNames(await this.list(path, false)).filter((n) => /^\d+$/.test(n));
    const luns = await Promise.all(
      numbers.map(async (n): Promise<Lun | undefined> => {
        const lunPath = `${path}/${n}`;
        const device = this.exportedAt.get(lunPath);
        if (device !== undefined && this.wanted?.(lunPath)?.size === 0) return { lun: Number(n), device, attributes: dict() };
        const entries = await this.list(lunPath, this.modes);
        if (entries.length === 0) return undefined;
        const { attributes } = await this.readAttributes(`${path}/${n}`, entries, { owner: 'lun', createParams: LUN_CREATE_PARAMS });
        return { lun: Number(n), device: linkBase(entries, 'device') ?? '', attributes };
      }),
    );
    const set = dict<Lun>();
    for (const lun of luns.filter((l) => l !== undefined).sort((a, b) => a.lun - b.lun)) set[String(lun.lun)] = lun;
    return set;
  }

  private async readGroups(path: string): Promise<Record<string, IniGroup>> {
    const dirs = this.parts.groups ? this.parts.groups.map(dirNameOf) : dirNames(await this.list(path, false));
    const groups = await Promise.all(
      dirs.map(async (dir): Promise<IniGroup | undefined> => {
        const groupPath = `${path}/${dir}`;
        const entries = await this.list(groupPath, this.modes);
        if (entries.length === 0) return undefined;
        const [{ attributes }, luns, initiators] = await Promise.all([
          this.readAttributes(groupPath, entries, { owner: 'group' }),
          hasDir(entries, 'luns') ? this.readLunSet(`${groupPath}/luns`, this.parts.groupLuns) : Promise.resolve(dict<Lun>()),
          hasDir(entries, 'initiators') ? this.list(`${groupPath}/initiators`, false) : Promise.resolve([]),
        ]);
        // Initiator names are the file names themselves: no read needed.
        const names = initiators.filter((e) => e.type === 'file' && e.name !== 'mgmt').map((e) => e.name);
        return { name: objectNameOf(dir), attributes, luns, initiators: names };
      }),
    );
    const record = dict<IniGroup>();
    for (const group of groups) if (group) record[group.name] = group;
    return record;
  }

  private async readSessions(path: string): Promise<Session[]> {
    return Promise.all(dirNames(await this.list(path, false)).map((dir) => this.readSession(`${path}/${dir}`, dir)));
  }

  private async readSession(path: string, dir: string): Promise<Session> {
    const entries = await this.list(path, false);
    const connections = entries.filter((e) => e.type === 'dir' && e.name !== 'latency' && !/^lun\d+$/.test(e.name));
    const [initiator, addresses] = await Promise.all([
      has(entries, 'initiator_name') ? this.readText(`${path}/initiator_name`) : Promise.resolve(undefined),
      Promise.all(connections.map(async (c) => (await this.readText(`${path}/${c.name}/ip`))?.trim())),
    ]);
    const session: Session = {
      name: dir,
      initiator: initiator === undefined ? dir : parseAttributeText(initiator).value,
      luns: entries
        .filter((e) => e.type === 'dir' && /^lun\d+$/.test(e.name))
        .map((e) => Number(e.name.slice(3)))
        .sort((a, b) => a - b),
    };
    const group = /ini_groups\/([^/]+)\/luns$/.exec(entries.find((e) => e.name === 'luns' && e.type === 'link')?.target ?? '')?.[1];
    if (group !== undefined) session.group = objectNameOf(group);
    const known = addresses.filter((a): a is string => a !== undefined && a.length > 0);
    if (known.length > 0) session.addresses = known;
    return session;
  }

  // --- ALUA ---------------------------------------------------------------------------------

  private async readDeviceGroups(scope: LiveScope): Promise<void> {
    const entries = await this.list('device_groups');
    if (scope.section === undefined) this.config.alua = (await this.readAttributes('device_groups', entries, { owner: 'alua' })).attributes;
    let names = dirNames(entries);
    let scoped: DirEntry[] | undefined;
    if (scope.name !== undefined) {
      scoped = await this.listRequired(`device_groups/${scope.name}`);
      names = [scope.name];
    }
    const groups = await Promise.all(names.map(async (n) => this.readDeviceGroup(n, scoped ?? (await this.list(`device_groups/${n}`)))));
    for (const group of groups) this.config.deviceGroups[group.name] = group;
  }

  private async readDeviceGroup(name: string, entries: DirEntry[]): Promise<DeviceGroup> {
    const path = `device_groups/${name}`;
    const [{ attributes }, devices, tgDirs] = await Promise.all([
      this.readAttributes(path, entries, { owner: 'deviceGroup' }),
      hasDir(entries, 'devices') ? this.list(`${path}/devices`) : Promise.resolve([]),
      hasDir(entries, 'target_groups') ? this.list(`${path}/target_groups`) : Promise.resolve([]),
    ]);
    const targetGroups = await Promise.all(dirNames(tgDirs).map((tg) => this.readTargetGroup(`${path}/target_groups/${tg}`, tg)));
    const group: DeviceGroup = { name, attributes, devices: devices.filter((e) => e.type === 'link').map((e) => e.name), targetGroups: dict() };
    for (const tg of targetGroups) group.targetGroups[tg.name] = tg;
    return group;
  }

  private async readTargetGroup(path: string, name: string): Promise<TargetGroup> {
    const entries = await this.list(path);
    const [{ attributes }, remotes] = await Promise.all([
      this.readAttributes(path, entries, { owner: 'targetGroup' }),
      // A remote port is a directory holding only rel_tgt_id: read it without listing.
      Promise.all(dirNames(entries).map(async (dir) => ({ dir, text: await this.readText(`${path}/${dir}/rel_tgt_id`) }))),
    ]);
    const group: TargetGroup = { name, attributes, targets: dict() };
    for (const entry of entries) {
      if (entry.type === 'link') group.targets[objectNameOf(entry.name)] = { name: objectNameOf(entry.name), attributes: dict() };
    }
    for (const { dir, text } of remotes) {
      const member = { name: objectNameOf(dir), remote: true, attributes: dict<string[]>() };
      const parsed = text === undefined ? undefined : parseAttributeText(text);
      if (parsed?.key) member.attributes.rel_tgt_id = [parsed.value];
      group.targets[member.name] = member;
    }
    return group;
  }

  // --- primitives ---------------------------------------------------------------------------

  /** Read the attributes an object's listing offers; `values` also holds the live-only reads. */
  private async readAttributes(dir: string, entries: readonly DirEntry[], policy: AttributePolicy): Promise<{ attributes: AttrValues; values: Map<string, AttributeText> }> {
    const wanted = this.wanted?.(dir);
    const offered = wanted === undefined ? entries : entries.filter((e) => wanted.has(e.name) || wanted.has(savedName(e.name, true)));
    const files = filesToRead(offered, policy);
    const texts = await Promise.all(files.map((f) => this.readText(join(dir, f.entry.name))));
    const attributes = dict<string[]>();
    const values = new Map<string, AttributeText>();
    files.forEach((file, i) => {
      const text = texts[i];
      if (text === undefined) return;
      const parsed = parseAttributeText(text);
      values.set(file.entry.name, parsed);
      if (!file.saved || !parsed.key) return;
      (attributes[savedName(file.entry.name, true)] ??= []).push(parsed.value);
    });
    return { attributes, values };
  }

  private async readHelp(dir: string, entries: readonly DirEntry[]) {
    const mgmt = entries.find((e) => e.name === 'mgmt' && e.type === 'file');
    if (!mgmt || (mgmt.mode !== undefined && (mgmt.mode & 0o444) === 0)) return undefined;
    const text = await this.readText(join(dir, 'mgmt'));
    return text === undefined ? undefined : parseMgmtHelp(text);
  }

  /** A file's text; undefined when it vanished meanwhile or cannot be read (remembered). */
  private async readText(path: string): Promise<string | undefined> {
    try {
      return await readSettled(this.sysfs, path, this.wait);
    } catch (error) {
      if (!isSysfsError(error)) throw error;
      // An object deleted while we read is simply gone; anything else is worth telling.
      if (error.errno !== 'ENOENT') this.unreadable.push({ path, errno: error.errno });
      return undefined;
    }
  }

  /**
   * A directory listing; an object that vanished while we read lists as empty. `modes`: the
   * listing's file modes will be looked at (they cost a stat per file on a real tree).
   */
  private async list(path: string, modes = true): Promise<DirEntry[]> {
    try {
      return await this.sysfs.list(path, { modes });
    } catch (error) {
      if (isSysfsError(error, 'ENOENT')) return [];
      throw error;
    }
  }

  /** A listing the caller asked for by name: a missing object is the admin's mistake. */
  private async listRequired(path: string): Promise<DirEntry[]> {
    try {
      return await this.sysfs.list(path);
    } catch (error) {
      if (isSysfsError(error, 'ENOENT') || isSysfsError(error, 'ENOTDIR')) {
        throw badInput(msg.noSuchObject(path), { object: path, hint: msg.noSuchObjectHint, code: 'NO_SUCH_OBJECT' });
      }
      throw error;
    }
  }
}

/** `../../../targets/DRV/T/luns/L` or `…/T/ini_groups/G/luns/L` (spec scst-sysfs §1.9). */
export function parseExportLink(target: string): LunRef | undefined {
  const match = /targets\/([^/]+)\/([^/]+)\/(?:ini_groups\/([^/]+)\/)?luns\/(\d+)$/.exec(target);
  if (!match) return undefined;
  const ref: LunRef = { driver: match[1]!, target: objectNameOf(match[2]!), lun: Number(match[4]) };
  if (match[3] !== undefined) ref.group = objectNameOf(match[3]);
  return ref;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function dirNames(entries: readonly DirEntry[]): string[] {
  return entries.filter((e) => e.type === 'dir').map((e) => e.name);
}

function has(entries: readonly DirEntry[], name: string): boolean {
  return entries.some((e) => e.name === name && e.type === 'file');
}

function hasDir(entries: readonly DirEntry[], name: string): boolean {
  return entries.some((e) => e.name === name && e.type === 'dir');
}

/** The last path component of a link's target: `../../handlers/vdisk_fileio` → `vdisk_fileio`. */
function linkBase(entries: readonly DirEntry[], name: string): string | undefined {
  const target = entries.find((e) => e.name === name && e.type === 'link')?.target;
  return target === undefined ? undefined : target.split('/').filter((p) => p !== '').pop();
}
