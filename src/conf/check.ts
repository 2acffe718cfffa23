/**
 * check-config: the semantic checks of an scst.conf, offline and (when SCST is loaded) against
 * the live state. The syntax and per-value findings come from `parseConf`; this adds what needs
 * the whole file or the host: cross-references, attributes per handler/driver, backing files,
 * file permissions, loaded modules and devices whose creation parameters differ.
 *
 * Findings carry file:line:col. Severity follows one rule: an error is something SCST would
 * refuse or scstadmin would silently drop; a warning is legal but risky.
 */
import { statSync } from 'node:fs';
import { attributeSpec, creationParams, isKnownOwner, isSecretAttribute, knownDrivers, knownHandlers, type ObjectKind } from '../model/attributes.js';
import type { AttrValues, ScstConfig, Target } from '../model/types.js';
import { DiagnosticSink, type Diagnostic, type Omitted, type Position } from './diagnostics.js';
import { M } from './messages.js';
import { KEYWORDS } from './parser.js';
import { locate, parseConf, type ConfDocument } from './parse.js';

export type PathKind = 'file' | 'block' | 'other' | 'missing';

export interface CheckOptions {
  /** The file's permission bits, for the secrets check. */
  mode?: number;
  /** The live state when SCST is loaded; enables the live checks. */
  live?: ScstConfig;
  /** How to look at backing files; default: stat on this host. Pass `false` to skip. */
  statPath?: ((path: string) => PathKind) | false;
}

export interface CheckResult {
  config: ScstConfig;
  document: ConfDocument;
  /** The first findings by position (at most MAX_FINDINGS). */
  diagnostics: Diagnostic[];
  /** Findings past those, counted only; `errors` and `warnings` include them. */
  omitted: Omitted;
  errors: number;
  warnings: number;
}

export function statHostPath(path: string): PathKind {
  try {
    const st = statSync(path);
    if (st.isFile()) return 'file';
    if (st.isBlockDevice()) return 'block';
    return 'other';
  } catch {
    return 'missing';
  }
}

export function checkConfig(text: string, file: string, options: CheckOptions = {}): CheckResult {
  const parsed = parseConf(text, file);
  const sink = new DiagnosticSink(file);
  // A refused file (old format, template) has no model worth checking.
  const refused = parsed.diagnostics.some((d) => ['CONF_TEMPLATE', 'CONF_OLD_FORMAT', 'CONF_BINARY'].includes(d.code));
  if (!refused) new Checker(parsed.document, sink, options).run();
  sink.addAll(parsed.diagnostics, parsed.omitted);
  const diagnostics = sink.items;
  return {
    config: parsed.config,
    document: parsed.document,
    diagnostics,
    omitted: sink.omitted,
    errors: diagnostics.filter((d) => d.severity === 'error').length + sink.omitted.errors,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length + sink.omitted.warnings,
  };
}

const FILE_START: Position = { line: 1, col: 1 };
const BACKED_HANDLERS = new Set(['vdisk_fileio', 'vdisk_blockio', 'vcdrom']);

class Checker {
  private readonly config: ScstConfig;

  constructor(
    private readonly document: ConfDocument,
    private readonly sink: DiagnosticSink,
    private readonly options: CheckOptions,
  ) {
    this.config = document.config;
  }

  private at(path: string[]): Position {
    return locate(this.document, path) ?? FILE_START;
  }

  run(): void {
    if (this.document.source.lines.every((l) => /^\s*(#.*)?$/.test(l))) {
      this.sink.warning(FILE_START, 'CONF_EMPTY', M.emptyFile);
      return;
    }
    const handlers = Object.keys(this.config.handlers);
    const drivers = Object.keys(this.config.drivers);
    if (handlers.length === 0 && drivers.length === 0) this.sink.warning(FILE_START, 'CONF_NO_SECTIONS', M.noSections);
    else if (handlers.length === 0) this.sink.warning(FILE_START, 'CONF_NO_HANDLERS', M.noHandlers);
    else if (drivers.length === 0) this.sink.warning(FILE_START, 'CONF_NO_DRIVERS', M.noDrivers);

    this.attributes(this.config.attributes, 'root', undefined, ['root'], 'SCST', false);
    const devices = this.handlers();
    this.drivers(devices);
    this.deviceGroups(devices);
    this.permissions();
  }

  /** Unknown, or read-only and not settable at creation. */
  private attributes(values: AttrValues, kind: ObjectKind, owner: string | undefined, path: string[], what: string, allowCreate: boolean): void {
    const strict = isKnownOwner(kind, owner);
    for (const name of Object.keys(values)) {
      const spec = attributeSpec(kind, owner, name);
      const pos = this.at([...path, 'attr', name]);
      if (!spec) {
        if (!strict) continue;
        const keyword = KEYWORDS.find((k) => k === name.toUpperCase());
        this.sink.error(pos, 'CONF_UNKNOWN_ATTRIBUTE', M.unknownAttribute(name, what), keyword ? `section keywords are upper case: ${keyword}` : undefined);
      } else if (!spec.writable && !(allowCreate && spec.create)) {
        this.sink.error(pos, 'CONF_READONLY_ATTRIBUTE', M.readOnlyAttribute(name, what));
      }
    }
  }

  /** Checks handlers and devices; returns device name → handler, for cross-references. */
  private handlers(): Map<string, string> {
    const devices = new Map<string, string>();
    const live = this.options.live;
    for (const [h, handler] of Object.entries(this.config.handlers)) {
      const hPath = ['handler', h];
      if (live && !live.handlers[h]) this.sink.error(this.at(hPath), 'CONF_NOT_LOADED', M.handlerNotLoaded(h), M.loadHint);
      else if (!live && !knownHandlers().includes(h)) this.sink.warning(this.at(hPath), 'CONF_UNKNOWN_HANDLER', M.unknownHandler(h));
      this.attributes(handler.attributes, 'handler', h, hPath, `handler ${h}`, false);
      for (const [d, device] of Object.entries(handler.devices)) {
        const dPath = [...hPath, 'device', d];
        const other = devices.get(d);
        if (other) this.sink.error(this.at(dPath), 'CONF_DUPLICATE', M.deviceTwice(d, other, h));
        else devices.set(d, h);
        this.attributes(device.attributes, 'device', h, dPath, `${h} device ${d}`, true);
        this.backingFile(h, device.attributes, dPath);
        if (live) this.liveDevice(h, d, device.attributes, dPath);
      }
    }
    return devices;
  }

  private backingFile(handler: string, attributes: AttrValues, path: string[]): void {
    const stat = this.options.statPath === undefined ? statHostPath : this.options.statPath;
    const filename = attributes.filename?.[0];
    if (!stat || !BACKED_HANDLERS.has(handler) || !filename || !filename.startsWith('/')) return;
    const kind = stat(filename);
    const pos = this.at([...path, 'attr', 'filename']);
    if (kind === 'missing') this.sink.warning(pos, 'CONF_BACKING_MISSING', M.backingMissing(filename));
    else if (handler === 'vdisk_blockio' && kind !== 'block') this.sink.warning(pos, 'CONF_BACKING_NOT_BLOCK', M.backingNotBlock(filename));
  }

  /** A device that already exists with other creation parameters needs a disruptive re-create. */
  private liveDevice(handler: string, name: string, attributes: AttrValues, path: string[]): void {
    const live = this.options.live!;
    const liveDevice = live.handlers[handler]?.devices[name];
    if (!liveDevice) return;
    const params = live.handlers[handler]?.createParams ?? creationParams('device', handler);
    const differences: string[] = [];
    for (const p of params) {
      const wanted = attributes[p]?.[0];
      const current = liveDevice.attributes[p]?.[0];
      if (wanted !== undefined && current !== undefined && wanted !== current) differences.push(`${p} ${current} → ${wanted}`);
      else if (wanted !== undefined && current === undefined && wanted !== '0') differences.push(`${p} not set → ${wanted}`);
      else if (wanted === undefined && current !== undefined) differences.push(`${p} ${current} not in the file`);
    }
    if (differences.length > 0) this.sink.warning(this.at(path), 'CONF_CREATE_DIFFERS', M.createDiffers(name, differences.join(', ')));
  }

  private drivers(devices: Map<string, string>): void {
    const live = this.options.live;
    for (const [drv, driver] of Object.entries(this.config.drivers)) {
      const path = ['driver', drv];
      const liveDriver = live?.drivers[drv];
      if (live && !liveDriver) this.sink.error(this.at(path), 'CONF_NOT_LOADED', M.driverNotLoaded(drv), M.loadHint);
      else if (!live && !knownDrivers().includes(drv)) this.sink.warning(this.at(path), 'CONF_UNKNOWN_DRIVER', M.unknownDriver(drv));
      this.attributes(driver.attributes, 'driver', drv, path, `driver ${drv}`, false);
      this.chapUsers(driver.attributes, path);
      if (driver.enabled !== undefined) this.enabledWithout('driver', drv, path, `driver ${drv}`);
      const seen = new Map<string, string>();
      for (const [t, target] of Object.entries(driver.targets)) {
        const tPath = [...path, 'target', t];
        if (drv === 'iscsi') {
          // iscsi-scstd compares target names without regard to case.
          const first = seen.get(t.toLowerCase());
          if (first !== undefined) this.sink.error(this.at(tPath), 'CONF_DUPLICATE', M.iscsiCaseTwin(t, first));
          else seen.set(t.toLowerCase(), t);
        }
        this.attributes(target.attributes, 'target', drv, tPath, `target ${t}`, true);
        this.chapUsers(target.attributes, tPath);
        if (target.enabled !== undefined) this.enabledWithout('target', drv, tPath, `targets of ${drv}`);
        if (liveDriver && !liveDriver.targets[t] && (target.hardware || liveDriver.virtual === false)) {
          this.sink.error(this.at(tPath), 'CONF_HW_TARGET_MISSING', M.hardwareMissing(t, drv));
        }
        this.target(drv, t, target, tPath, devices);
      }
    }
  }

  /** iscsi-scstd keeps one account per user name in a list, and at most one OutgoingUser. */
  private chapUsers(values: AttrValues, path: string[]): void {
    const outgoing = values.OutgoingUser ?? [];
    if (outgoing.length > 1) this.sink.error(this.at([...path, 'attr', 'OutgoingUser']), 'CONF_CHAP', M.oneOutgoingUser);
    const users = (values.IncomingUser ?? []).map((v) => v.split(' ')[0]!);
    const twice = users.find((u, i) => users.indexOf(u) !== i);
    if (twice !== undefined) this.sink.error(this.at([...path, 'attr', 'IncomingUser']), 'CONF_CHAP', M.chapUserTwice(twice));
  }

  /** `enabled` where the kernel has no such file: scstadmin warns and goes on, nothing is switched. */
  private enabledWithout(kind: 'driver' | 'target', drv: string, path: string[], what: string): void {
    if (isKnownOwner(kind, drv) && !attributeSpec(kind, drv, 'enabled')) {
      this.sink.warning(this.at([...path, 'attr', 'enabled']), 'CONF_NO_ENABLED', M.noEnabled(what));
    }
  }

  private target(drv: string, name: string, target: Target, path: string[], devices: Map<string, string>): void {
    const lunSets: Array<{ luns: Target['luns']; path: string[]; what: string }> = [{ luns: target.luns, path, what: `target ${name}` }];
    const owner = new Map<string, string>();
    for (const [g, group] of Object.entries(target.groups)) {
      const gPath = [...path, 'group', g];
      if (drv === 'copy_manager') this.sink.error(this.at(gPath), 'CONF_COPY_MANAGER', M.copyManagerGroup);
      lunSets.push({ luns: group.luns, path: gPath, what: `group ${g} of target ${name}` });
      this.attributes(group.attributes, 'group', drv, gPath, `group ${g}`, false);
      for (const ini of group.initiators) {
        const first = owner.get(ini);
        if (first !== undefined) this.sink.error(this.at([...gPath, 'initiator', ini]), 'CONF_INITIATOR_TWICE', M.initiatorTwice(ini, first, g));
        else owner.set(ini, g);
      }
    }
    for (const set of lunSets) {
      for (const [n, lun] of Object.entries(set.luns)) {
        const lPath = [...set.path, 'lun', n];
        if (!devices.has(lun.device)) this.sink.error(this.at(lPath), 'CONF_UNDEFINED_DEVICE', M.undefinedDevice(lun.device));
        for (const attr of Object.keys(lun.attributes)) {
          if (!creationParams('lun').includes(attr)) this.sink.error(this.at([...lPath, 'attr', attr]), 'CONF_LUN_PARAMETER', M.lunParameter(attr));
        }
        // The kernel reports read_only 1 on the copy-manager LUN of a read-only device (and Perl
        // scstadmin writes it): that reads back. Only asking for it on a writable device is refused.
        if (drv === 'copy_manager' && lun.attributes.read_only?.some((v) => v !== '0') && !this.readOnlyDevice(lun.device, devices)) {
          this.sink.error(this.at([...lPath, 'attr', 'read_only']), 'CONF_COPY_MANAGER', M.copyManagerReadOnly);
        }
      }
      if (drv !== 'copy_manager' && Object.keys(set.luns).length > 0 && !set.luns['0']) {
        this.sink.warning(this.at(set.path), 'CONF_NO_LUN0', M.noLun0(set.what));
      }
    }
  }

  private readOnlyDevice(name: string, devices: Map<string, string>): boolean {
    const handler = devices.get(name);
    const value = handler === undefined ? undefined : this.config.handlers[handler]?.devices[name]?.attributes.read_only?.[0];
    return value !== undefined && value !== '0';
  }

  private deviceGroups(devices: Map<string, string>): void {
    const member = new Map<string, string>();
    for (const [name, dg] of Object.entries(this.config.deviceGroups)) {
      const path = ['dgroup', name];
      this.attributes(dg.attributes, 'deviceGroup', undefined, path, `device group ${name}`, false);
      for (const d of dg.devices) {
        const pos = this.at([...path, 'device', d]);
        if (!devices.has(d)) this.sink.error(pos, 'CONF_UNDEFINED_DEVICE', M.undefinedDevice(d));
        const first = member.get(d);
        if (first !== undefined) this.sink.error(pos, 'CONF_DEVICE_TWO_GROUPS', M.deviceInTwoGroups(d, first, name));
        else member.set(d, name);
      }
      for (const [tgName, tg] of Object.entries(dg.targetGroups)) {
        const tgPath = [...path, 'tgroup', tgName];
        this.attributes(tg.attributes, 'targetGroup', undefined, tgPath, `target group ${tgName}`, false);
        for (const [m, tgMember] of Object.entries(tg.targets)) {
          this.attributes(tgMember.attributes, 'tgMember', undefined, [...tgPath, 'target', m], `target group member ${m}`, false);
        }
      }
    }
  }

  private permissions(): void {
    const mode = this.options.mode;
    if (mode === undefined || (mode & 0o077) === 0) return;
    const hasSecrets = (values: AttrValues) => Object.keys(values).some(isSecretAttribute);
    const secrets = Object.values(this.config.drivers).some((d) => hasSecrets(d.attributes) || Object.values(d.targets).some((t) => hasSecrets(t.attributes)));
    if (secrets) this.sink.warning(FILE_START, 'CONF_UNSAFE_PERMISSIONS', M.unsafePermissions((mode & 0o777).toString(8).padStart(4, '0')), M.unsafePermissionsHint);
  }
}
