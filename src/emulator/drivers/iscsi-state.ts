/**
 * Typed views of what the iSCSI driver keeps in the emulator's JSON state (`driverData` of the
 * driver, its targets and sessions). Everything stays plain data so state files round-trip.
 */
import type { Kernel } from '../kernel.js';
import type { DriverState, SessionState, TargetState } from '../state.js';
import { AccountList, type AccountFile } from './iscsi-accounts.js';
import { type IscsiParam, findIscsiParam } from './iscsi-params.js';

export const ISCSI = 'iscsi';

/** Driver attributes iscsi-scstd creates when it connects (lost when it exits). */
interface IscsiDriverData {
  enabled: boolean;
  isnsServer: string;
  isnsEntityName: string;
  linkLocal: boolean;
  internalPortal: string;
  accounts: AccountFile[];
  /** isert_scst was loaded when the daemon started: it also listens for iSER. */
  iser: boolean;
}

interface IscsiTargetData {
  tid: number;
  /** Parameters that differ from their default (the state stays small and readable). */
  params: Record<string, string>;
  /** Defaults the daemon gave this target where they differ from the table (iSER: RDMAExtensions). */
  defaults?: Record<string, string>;
  accounts: AccountFile[];
}

interface IscsiConnection {
  /** Directory name (the initiator address, `ADDR_1` for a second one). */
  name: string;
  cid: number;
  ip: string;
  targetIp: string;
}

export interface IscsiSessionData {
  sid: string;
  /** The initiator name as it logged in (the session's ACL name may add `#portal`). */
  initiator: string;
  negotiated: Record<string, string>;
  connections: IscsiConnection[];
  threadPids: number[];
}

function freshDriverData(): IscsiDriverData {
  return { enabled: false, isnsServer: '', isnsEntityName: '', linkLocal: true, internalPortal: '', accounts: [], iser: false };
}

export function iscsiDriver(k: Kernel): DriverState {
  k.ensureDriverState(ISCSI);
  return k.state.drivers[ISCSI]!;
}

export function driverData(k: Kernel): IscsiDriverData {
  const driver = iscsiDriver(k);
  if (driver.driverData.daemon === undefined) driver.driverData.daemon = freshDriverData();
  return driver.driverData.daemon as IscsiDriverData;
}

export function resetDriverData(k: Kernel): void {
  iscsiDriver(k).driverData.daemon = freshDriverData();
}

export function driverAccounts(k: Kernel): AccountList {
  return new AccountList(false, ISCSI, driverData(k).accounts);
}

export function targetData(target: TargetState): IscsiTargetData {
  if (target.driverData.iscsi === undefined) {
    target.driverData.iscsi = { tid: 0, params: {}, accounts: [] } satisfies IscsiTargetData;
  }
  return target.driverData.iscsi as IscsiTargetData;
}

/** The daemon's defaults for targets it creates now: with iSER, RDMAExtensions is on. */
export function daemonDefaults(k: Kernel): Record<string, string> | undefined {
  return driverData(k).iser ? { RDMAExtensions: 'Yes' } : undefined;
}

/** A target parameter's default (the daemon's, when it set one at creation). */
export function paramDefault(target: TargetState, param: IscsiParam): string {
  return targetData(target).defaults?.[param.name] ?? param.default;
}

/** A target parameter's current value (its default unless set). */
export function paramValue(target: TargetState, name: string): string {
  const param = findIscsiParam(name);
  return targetData(target).params[name] ?? (param ? paramDefault(target, param) : '');
}

/** Set a parameter; a default value is not stored. */
export function setParam(params: Record<string, string>, param: IscsiParam, value: string, defaultValue = param.default): void {
  if (value === defaultValue) delete params[param.name];
  else params[param.name] = value;
}

export function targetAccounts(target: TargetState): AccountList {
  return new AccountList(true, target.name, targetData(target).accounts);
}

export function sessionData(session: SessionState): IscsiSessionData | undefined {
  return session.driverData.iscsi as IscsiSessionData | undefined;
}

/** iSCSI target names are unique case-insensitively in iscsi-scstd. */
export function findTargetIgnoringCase(k: Kernel, name: string): TargetState | undefined {
  const lower = name.toLowerCase();
  return Object.values(iscsiDriver(k).targets).find((t) => t.name.toLowerCase() === lower);
}

/** A driver-wide counter kept in the state (tid, session numbers). */
export function nextCounter(k: Kernel, key: string): number {
  const counters = k.state.counters.driver;
  const value = (counters[key] ?? 0) + 1;
  counters[key] = value;
  return value;
}
