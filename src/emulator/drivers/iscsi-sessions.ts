/**
 * iSCSI sessions on the emulated host: an initiator logging in (negotiating against the
 * target's parameters as open-iscsi's defaults would), logging out, and force_close. A
 * session's directory adds the negotiated keys and one directory per connection (spec §6.6).
 */
import { UserError } from '../../errors.js';
import type { Kernel } from '../kernel.js';
import type { LoginOptions } from '../models.js';
import { Dir, type Node, constFile } from '../nodes.js';
import type { SessionState, TargetState } from '../state.js';
import { negatableWildcardMatch } from '../tokenizer.js';
import { daemonState } from './iscsi-daemon.js';
import { type IscsiSessionData, driverData, nextCounter, paramValue, sessionData, targetData } from './iscsi-state.js';

/** What open-iscsi offers by default (its login proposal). */
const INITIATOR_OFFER = {
  MaxRecvDataSegmentLength: 262144,
  MaxBurstLength: 16776192,
  FirstBurstLength: 262144,
  MaxOutstandingR2T: 1,
  /** Digest preference: the first one the target allows wins. */
  digests: ['None', 'CRC32C'],
};

/** Low bits of the session id that come from the initiator's ISID (fixed for the emulator). */
const ISID_QUALIFIER = 0x3d0200n;

/** First pid of iscsi-scst's read/write kernel threads (two per CPU, shared by all sessions). */
const ISCSI_THREAD_PID_BASE = 166;

const DEFAULT_ADDRESS = '127.0.0.1';

/** Why a login is refused, and what would let it through. */
interface Refusal {
  reason: string;
  hint?: string;
}

function refuse(target: TargetState, refusal: Refusal): never {
  throw new UserError(`login to ${target.name} refused: ${refusal.reason}`, {
    object: `target ${target.name}`, code: 'LOGIN_REFUSED', hint: refusal.hint,
  });
}

/**
 * iscsi-scstd's allowed_portal check (target_portal_allowed() in iscsi-scst/usr/target.c):
 * unlike ini-group entries, patterns starting with `!` are restrictions that must all hold,
 * and of the others (if any) one must match. No patterns: every portal.
 */
function portalAllowed(patterns: string[], portal: string): boolean {
  const negative = patterns.filter((p) => p.startsWith('!'));
  const positive = patterns.filter((p) => !p.startsWith('!'));
  return (positive.length === 0 || positive.some((p) => negatableWildcardMatch(p, portal)))
    && negative.every((p) => negatableWildcardMatch(p, portal));
}

function negotiate(target: TargetState): Record<string, string> {
  const value = (name: string) => paramValue(target, name);
  const min = (name: string, offer: number) => String(Math.min(Number(value(name)), offer));
  const digest = (name: string) => {
    const allowed = value(name).split(',');
    return INITIATOR_OFFER.digests.find((d) => allowed.includes(d)) ?? allowed[0]!;
  };
  return {
    InitialR2T: value('InitialR2T'),
    ImmediateData: value('ImmediateData'),
    MaxRecvDataSegmentLength: value('MaxRecvDataSegmentLength'),
    MaxXmitDataSegmentLength: min('MaxXmitDataSegmentLength', INITIATOR_OFFER.MaxRecvDataSegmentLength),
    MaxBurstLength: min('MaxBurstLength', INITIATOR_OFFER.MaxBurstLength),
    FirstBurstLength: min('FirstBurstLength', INITIATOR_OFFER.FirstBurstLength),
    MaxOutstandingR2T: min('MaxOutstandingR2T', INITIATOR_OFFER.MaxOutstandingR2T),
    HeaderDigest: digest('HeaderDigest'),
    DataDigest: digest('DataDigest'),
  };
}

/** Why iscsi-scstd would refuse a login to `target` now, or undefined when it would accept. */
function loginRefusal(k: Kernel, target: TargetState): Refusal | undefined {
  if (daemonState(k) !== 'running') return { reason: `iscsi-scstd is ${daemonState(k)}`, hint: 'scstadmin-ts simulate daemon running' };
  if (!driverData(k).enabled) return { reason: 'the iSCSI driver is disabled', hint: 'enable it (enabled 1 in TARGET_DRIVER iscsi)' };
  if (!target.enabled) return { reason: 'the target is disabled', hint: 'enable it (enabled 1 in its TARGET block)' };
  const data = targetData(target);
  const maxSessions = Number(paramValue(target, 'MaxSessions'));
  if (maxSessions > 0 && Object.keys(target.sessions).length >= maxSessions) return { reason: `MaxSessions ${maxSessions} reached` };
  const redirect = paramValue(target, 'redirect');
  if (redirect) return { reason: `the target redirects logins to ${redirect}` };
  const portals = data.accounts.filter((a) => a.kind === 'allowed_portal' && a.value !== undefined).map((a) => a.value!);
  if (!portalAllowed(portals, DEFAULT_ADDRESS)) {
    return { reason: `portal ${DEFAULT_ADDRESS} is not in allowed_portal` };
  }
  return undefined;
}

/**
 * One-way CHAP as iscsi-scstd checks it: a target with IncomingUser accounts accepts only an
 * initiator presenting one of them, except through an `internal_portal`.
 */
function chapRefusal(k: Kernel, target: TargetState, chap: LoginOptions['chap']): Refusal | undefined {
  const users = targetData(target).accounts.filter((a) => a.kind === 'IncomingUser' && a.value !== undefined);
  if (users.length === 0 || driverData(k).internalPortal.split(' ').includes(DEFAULT_ADDRESS)) return undefined;
  const hint = 'log in with the user name and secret of one of the target\'s IncomingUser accounts (--user, --secret)';
  if (!chap) return { reason: 'the target requires CHAP (IncomingUser) and no credentials were given', hint };
  if (!users.some((a) => a.value === `${chap.user} ${chap.secret}`)) return { reason: `CHAP authentication of ${chap.user} failed`, hint };
  return undefined;
}

export function iscsiLogin(k: Kernel, target: TargetState, initiator: string, options: LoginOptions): SessionState {
  const refusal = loginRefusal(k, target) ?? chapRefusal(k, target, options.chap);
  if (refusal) refuse(target, refusal);
  return openSession(k, target, initiator, options.address ?? DEFAULT_ADDRESS);
}

function openSession(k: Kernel, target: TargetState, initiator: string, address: string, taken?: Set<string>): SessionState {
  const data = targetData(target);
  const targetIp = DEFAULT_ADDRESS;
  // With per_portal_acl the ACL name (and so the session name) carries the portal.
  const aclName = paramValue(target, 'per_portal_acl') === '1' ? `${initiator}#${targetIp}` : initiator;
  const group = k.groupForInitiator(target, aclName);
  const session = k.createSession(target, aclName, k.freeSessionName(target, aclName, taken));
  const serial = BigInt(nextCounter(k, 'iscsi.session'));
  const sid = ((serial << 48n) | (BigInt(data.tid) << 40n) | ISID_QUALIFIER).toString(16);
  const negotiated = negotiate(target);
  session.driverData.iscsi = {
    sid,
    initiator,
    negotiated,
    connections: [{ name: address, cid: 0, ip: address, targetIp }],
    threadPids: Array.from({ length: 2 * k.state.host.cpus }, (_, i) => ISCSI_THREAD_PID_BASE + i),
  } satisfies IscsiSessionData;
  k.log(`scst: Using security group "${group?.name ?? target.name}" for initiator "${aclName}" (target ${target.name})`);
  k.log(`iscsi-scst: Session ${sid} created: tid ${data.tid}, sid 0x${sid}, initiator ${initiator}`);
  k.log(
    `iscsi-scst: Negotiated parameters: ${Object.entries(negotiated).map(([key, v]) => `${key} ${v}`).join(', ')}`,
  );
  k.log(`iscsi-scst: Creating connection for sid 0x${sid}, cid 0 (initiator ${initiator})`);
  return session;
}

function freeSession(k: Kernel, target: TargetState, session: SessionState): void {
  const sid = sessionData(session)?.sid ?? '0';
  k.log(`scst: TM fn NEXUS_LOSS_SESS/6 (initiator ${session.initiator}, target ${target.name})`);
  k.log(`iscsi-scst: Freeing session (SID ${sid})`);
  k.removeSession(target, session.name);
}

export function iscsiLogout(k: Kernel, target: TargetState, session: SessionState): void {
  k.log(`iscsi-scst: Logout received from initiator ${session.initiator}`);
  k.log(`iscsi-scst: Closing connection at initiator's ${session.initiator} request`);
  freeSession(k, target, session);
}

/**
 * force_close: the kernel closes the connections at once (no daemon round trip). A real
 * initiator (open-iscsi) logs in again by itself when the target still accepts it; the new
 * session is `NAME_1`, as the closed name counts as taken while it is being freed (recorded).
 */
export function iscsiCloseSession(k: Kernel, target: TargetState, session: SessionState): void {
  const data = sessionData(session);
  k.log(`iscsi-scst: Force closing session ${data?.sid ?? '0'} with initiator ${session.initiator}`);
  freeSession(k, target, session);
  if (data && loginRefusal(k, target) === undefined) {
    openSession(k, target, data.initiator, data.connections[0]?.ip ?? DEFAULT_ADDRESS, new Set([session.name]));
  }
}

/** The daemon exits: sessions end without a reconnect. */
export function iscsiDropSession(k: Kernel, target: TargetState, session: SessionState): void {
  freeSession(k, target, session);
}

const NEGOTIATED_FILES = [
  'InitialR2T', 'ImmediateData', 'MaxRecvDataSegmentLength', 'MaxXmitDataSegmentLength', 'MaxBurstLength',
  'FirstBurstLength', 'MaxOutstandingR2T', 'HeaderDigest', 'DataDigest',
];

/** Session files the iSCSI driver adds; connection files have no trailing newline (recorded). */
export function iscsiSessionFiles(session: SessionState): Record<string, Node | (() => Node)> {
  const data = sessionData(session);
  if (!data) return {};
  const files: Record<string, Node | (() => Node)> = {
    sid: constFile(`${data.sid}\n`),
    reinstating: constFile('0\n'),
    thread_pid: constFile(`${data.threadPids.join(' ')}\n`),
  };
  for (const name of NEGOTIATED_FILES) {
    // Digest lists are shown with a blank after the comma here, unlike the target attribute.
    files[name] = constFile(`${(data.negotiated[name] ?? '').replaceAll(',', ', ')}\n`);
  }
  for (const connection of data.connections) {
    files[connection.name] = () =>
      new Dir().addAll({
        cid: constFile(String(connection.cid)),
        ip: constFile(connection.ip),
        target_ip: constFile(connection.targetIp),
        transport: constFile('iSCSI-TCP\n'),
        state: constFile('established idle '),
      });
  }
  return files;
}
