/**
 * initiators.allow/deny → SCST ini groups, targets.allow → allowed_portal (ietd-conf.md §3.7,
 * §3.8, pitfalls 16, 17). SCST decides by initiator name only, so a target whose effective IET
 * rule used initiator addresses is refused unless the admin knowingly drops the rule.
 */
import type { IpEntry } from './addresses.js';
import { prefixContains } from './addresses.js';
import { applicableLine, type AccessEntry, type AccessFile, type AccessLine } from './access-files.js';
import type { Report } from './findings.js';
import type { IetTarget } from './ietd-conf.js';
import { validateName } from '../model/validate.js';
import { MSG } from './messages.js';
import { translateRegex } from './wildcards.js';

export interface AccessFiles {
  /** Undefined when the file does not exist (that is meaningful: see the decision table). */
  allow?: AccessFile;
  deny?: AccessFile;
  targetsAllow?: AccessFile;
}

export interface AccessOptions {
  dropIpAcl?: boolean;
  /** Carry address rules to iscsi-scstd's legacy /etc/initiators.allow and .deny (spec §3.9). */
  legacyIpAcl?: boolean;
  /** With legacyIpAcl: names and addresses for one target become name AND address (narrower than IET's OR). */
  acceptNarrowerAcl?: boolean;
  /** IET up to 0.4.17: without initiators.deny everyone was allowed (no implicit deny). */
  legacyAccessLogic?: boolean;
  /** Addresses of this host, for targets.allow prefixes SCST cannot express. */
  hostAddresses?: string[];
}

export interface AccessPlan {
  /** The target's default LUN set gets the LUNs. */
  defaultLuns: boolean;
  /** Nobody could log in with IET. */
  disabled: boolean;
  /** `iet_allow` group patterns (the group gets the LUNs). */
  allow?: string[];
  /** `iet_deny` group patterns (the group gets no LUNs). */
  deny?: string[];
  allowedPortals?: string[];
  /** A refusal was reported for this target. */
  refused?: boolean;
  /** Entries for iscsi-scstd's legacy files (--legacy-ip-acl). */
  legacy?: LegacyAclLines;
}

export interface LegacyAclLines {
  /** Addresses as iscsi-scstd reads them; empty: no allow line. */
  allow: string[];
  /** `ALL` (IET 1.4.18's implicit deny) or addresses. */
  deny: string[];
}

const OPEN: AccessPlan = { defaultLuns: true, disabled: false };

type Addresses = Array<{ entry: AccessEntry; ip: IpEntry }>;

interface LineParts {
  all: boolean;
  names: AccessEntry[];
  addresses: Addresses;
}

export function planInitiatorAccess(target: IetTarget, files: AccessFiles, options: AccessOptions, report: Report): AccessPlan {
  if (!files.allow && !files.deny) return OPEN;
  if (options.legacyAccessLogic && !files.deny) return OPEN;
  const allowLine = applicableLine(files.allow, target.name);
  const allow = allowLine && parts(allowLine, report);
  if (!files.deny) return restrictByAllow(target, files.allow as AccessFile, allowLine, allow, options, report);
  const denyLine = applicableLine(files.deny, target.name);
  if (!denyLine) return OPEN;
  const deny = parts(denyLine, report);
  if (allow?.all) {
    report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: allowLine?.at, construct: `Target ${target.name}`, message: MSG.aclAllowAll(target.name, allowLine!.at) });
    return OPEN;
  }
  if (deny.all) {
    if (allowLine) return restrictByAllow(target, files.allow as AccessFile, allowLine, allow, options, report);
    return unreachable(target, denyLine.at, MSG.aclDeniedAll(files.deny.file, files.allow?.file), report);
  }
  let legacy: LegacyAclLines | undefined;
  if (deny.addresses.length + (allow?.addresses.length ?? 0) > 0) {
    const sides = { allow: allow?.addresses ?? [], deny: deny.addresses };
    // Point at the line holding the addresses: that is what the admin has to rewrite.
    const at = allow?.addresses.length ? (allowLine as AccessLine).at : denyLine.at;
    if (deny.names.length + (allow?.names.length ?? 0) === 0) return ipRules(target, at, sides, options, report);
    const mixed = mixedRules(target, at, sides, options, report);
    if (mixed === 'refused') return { ...OPEN, refused: true };
    legacy = mixed;
  }
  const denyPatterns = translate(deny.names, report, denyLine.at);
  if (denyPatterns === undefined) return { ...OPEN, refused: true };
  if (denyPatterns.length === 0) return legacy ? { ...OPEN, legacy } : OPEN;
  const allowPatterns = allow ? translate(allow.names, report, allowLine?.at) : [];
  if (allowPatterns === undefined) return { ...OPEN, refused: true };
  report.info({ code: 'IET_ACL_DENY_GROUP', treatment: 'faithful', at: denyLine.at, construct: `Target ${target.name}`, message: MSG.aclDenyGroup(target.name, denyPatterns) });
  if (allowPatterns.length > 0) report.info({ code: 'IET_ACL_ALLOW_GROUP', treatment: 'faithful', at: allowLine?.at, construct: `Target ${target.name}`, message: MSG.aclAllowGroup(target.name, allowPatterns) });
  return { defaultLuns: true, disabled: false, deny: denyPatterns, ...(allowPatterns.length > 0 ? { allow: allowPatterns } : {}), ...(legacy ? { legacy } : {}) };
}

/** 1.4.18+ without a deny file: initiators.allow is an implicit-deny list. */
function restrictByAllow(target: IetTarget, file: AccessFile, line: AccessLine | undefined, allow: LineParts | undefined, options: AccessOptions, report: Report): AccessPlan {
  if (!line || !allow) return unreachable(target, target.at, MSG.aclUnreachable(file.file), report);
  if (allow.all) {
    report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: line.at, construct: `Target ${target.name}`, message: MSG.aclAllowAll(target.name, line.at) });
    return OPEN;
  }
  const sides = { allow: allow.addresses, deny: 'ALL' as const };
  if (allow.addresses.length > 0 && allow.names.length === 0) return ipRules(target, line.at, sides, options, report);
  const patterns = translate(allow.names, report, line.at);
  if (patterns === undefined) return { ...OPEN, refused: true };
  if (allow.addresses.length > 0 && patterns.length === 0) return ipRules(target, line.at, sides, options, report);
  if (patterns.length === 0) return unreachable(target, line.at, MSG.aclNobodyListed, report);
  const legacy = allow.addresses.length > 0 ? mixedRules(target, line.at, sides, options, report) : undefined;
  if (legacy === 'refused') return { ...OPEN, refused: true };
  report.info({ code: 'IET_ACL_ALLOW_GROUP', treatment: 'faithful', at: line.at, construct: `Target ${target.name}`, message: MSG.aclAllowGroup(target.name, patterns) });
  return { defaultLuns: false, disabled: false, allow: patterns, ...(legacy ? { legacy } : {}) };
}

function unreachable(target: IetTarget, at: AccessLine['at'], message: string, report: Report): AccessPlan {
  report.warning({ code: 'IET_ACL_TARGET_UNREACHABLE', treatment: 'faithful', at, construct: `Target ${target.name}`, message });
  return { defaultLuns: true, disabled: true };
}

type Sides = { allow: Addresses; deny: Addresses | 'ALL' };

/** Rules by initiator address only: SCST core cannot express them. */
function ipRules(target: IetTarget, at: AccessLine['at'], sides: Sides, options: AccessOptions, report: Report): AccessPlan {
  // Say which file each address came from when both hold some: the admin rewrites them apart.
  const allowTexts = sides.allow.map((a) => a.entry.text);
  const denyTexts = sides.deny === 'ALL' ? [] : sides.deny.map((a) => `deny ${a.entry.text}`);
  const texts = [...(denyTexts.length > 0 ? allowTexts.map((t) => `allow ${t}`) : allowTexts), ...denyTexts];
  const construct = `Target ${target.name}`;
  if (options.legacyIpAcl) {
    const legacy = legacyLines(sides);
    report.info({ code: 'IET_ACL_LEGACY_IP', treatment: 'faithful', at, construct, message: MSG.aclLegacy(legacy.allow, legacy.deny) });
    return { ...OPEN, legacy };
  }
  if (options.dropIpAcl) {
    report.error({ code: 'IET_ACL_IP_DROPPED', treatment: 'dropped', at, construct, message: MSG.aclIpDropped(texts), overridden: true });
    return OPEN;
  }
  report.error({ code: 'IET_ACL_IP_UNSUPPORTED', treatment: 'refused', at, construct, message: MSG.aclIp(texts) });
  return { ...OPEN, refused: true };
}

/**
 * Names and addresses both restrict the target. IET allowed an initiator when either matched;
 * names in groups plus addresses in the legacy files require both — never wider, possibly
 * narrower, so only with --legacy-ip-acl --accept-narrower-acl.
 */
function mixedRules(target: IetTarget, at: AccessLine['at'], sides: Sides, options: AccessOptions, report: Report): LegacyAclLines | 'refused' {
  const construct = `Target ${target.name}`;
  if (!options.legacyIpAcl || !options.acceptNarrowerAcl) {
    report.error({ code: 'IET_ACL_MIXED', treatment: 'refused', at, construct, message: MSG.aclMixed });
    return 'refused';
  }
  const legacy = legacyLines(sides);
  report.warning({ code: 'IET_ACL_NARROWER', treatment: 'approx', at, construct, message: MSG.aclNarrower(target.name, legacy.allow, legacy.deny) });
  return legacy;
}

function legacyLines(sides: Sides): LegacyAclLines {
  return { allow: sides.allow.map((a) => legacyEntry(a.ip)), deny: sides.deny === 'ALL' ? ['ALL'] : sides.deny.map((a) => legacyEntry(a.ip)) };
}

/** iscsi-scstd's legacy reader wants bare addresses, IPv6 in brackets. */
function legacyEntry(ip: IpEntry): string {
  const address = ip.family === 6 ? `[${ip.address}]` : ip.address;
  return ip.prefix === undefined ? address : `${address}/${ip.prefix}`;
}

/** Split a line's entries; address entries IET never matched are dropped here, with a warning. */
function parts(line: AccessLine, report: Report): LineParts {
  const result: LineParts = { all: false, names: [], addresses: [] };
  for (const entry of line.entries) {
    if (entry.kind === 'all') result.all = true;
    else if (entry.kind === 'name') result.names.push(entry);
    else if (entry.ip.undefinedBehaviour) {
      report.error({ code: 'IET_ACL_PREFIX_ZERO', treatment: 'refused', at: line.at, construct: entry.text, message: `entry ${entry.text}: a /0 prefix had undefined behaviour in IET; write ALL or a real network` });
    } else if (entry.ip.neverMatched) {
      report.warning({ code: 'IET_ACL_ENTRY_NEVER_MATCHED', treatment: 'dropped', at: line.at, construct: entry.text, message: MSG.aclPatternDropped(entry.text, entry.ip.neverMatched) });
    } else result.addresses.push({ entry, ip: entry.ip });
  }
  return result;
}

/** Wildcards for the name entries; undefined when one cannot be expressed (reported). */
function translate(entries: AccessEntry[], report: Report, at?: AccessLine['at']): string[] | undefined {
  const wildcards: string[] = [];
  let refused = false;
  for (const entry of entries) {
    const result = translateRegex(entry.text);
    if (result.kind === 'never-matched') {
      report.warning({ code: 'IET_ACL_ENTRY_NEVER_MATCHED', treatment: 'dropped', at, construct: entry.text, message: MSG.aclPatternDropped(entry.text, result.reason) });
    } else if (result.kind === 'refused') {
      report.error({ code: 'IET_ACL_PATTERN_UNSUPPORTED', treatment: 'refused', at, construct: entry.text, message: MSG.aclPatternRefused(entry.text, result.reason) });
      refused = true;
    } else if (result.wildcards.some((w) => validateName('initiator', w, { owner: 'iscsi' }).some((p) => p.severity === 'error'))) {
      report.error({ code: 'IET_ACL_PATTERN_UNSUPPORTED', treatment: 'refused', at, construct: entry.text, message: MSG.aclPatternRefused(entry.text, 'it holds a character SCST initiator names cannot carry') });
      refused = true;
    } else {
      if (result.wildcards.length !== 1 || result.wildcards[0] !== entry.text) {
        report.info({ code: 'IET_ACL_PATTERN_TRANSLATED', treatment: 'faithful', at, construct: entry.text, message: MSG.aclPattern(entry.text, result.wildcards) });
      }
      for (const w of result.wildcards) if (!wildcards.includes(w)) wildcards.push(w);
    }
  }
  return refused ? undefined : wildcards;
}

/** targets.allow → `allowed_portal` values; undefined means every portal. */
export function planPortals(target: IetTarget, file: AccessFile | undefined, options: AccessOptions, report: Report): string[] | undefined {
  if (!file) return undefined;
  const line = applicableLine(file, target.name);
  if (!line) {
    report.warning({ code: 'IET_PORTAL_UNREACHABLE', treatment: 'faithful', at: target.at, construct: `Target ${target.name}`, message: MSG.portalUnreachable });
    return ['!*'];
  }
  if (line.entries.some((e) => e.kind === 'all')) {
    report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: line.at, construct: `Target ${target.name}`, message: MSG.portalAll(target.name) });
    return undefined;
  }
  const portals: string[] = [];
  for (const entry of line.entries) {
    const add = (values: string[]): void => values.forEach((v) => portals.includes(v) || portals.push(v));
    if (entry.kind !== 'address') {
      report.warning({ code: 'IET_PORTAL_NEVER_MATCHED', treatment: 'dropped', at: line.at, construct: entry.text, message: MSG.portalNeverMatched(entry.text, 'targets.allow compared local addresses only; a name never matched') });
      continue;
    }
    const ip = entry.ip;
    if (ip.undefinedBehaviour) {
      report.error({ code: 'IET_ACL_PREFIX_ZERO', treatment: 'refused', at: line.at, construct: entry.text, message: `entry ${entry.text}: a /0 prefix had undefined behaviour in IET; write ALL or a real network` });
      continue;
    }
    if (ip.neverMatched) {
      report.warning({ code: 'IET_PORTAL_NEVER_MATCHED', treatment: 'dropped', at: line.at, construct: entry.text, message: MSG.portalNeverMatched(entry.text, ip.neverMatched) });
      continue;
    }
    const exact = portalPattern(ip);
    if (exact !== undefined) {
      add([exact]);
      report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: line.at, construct: entry.text, message: MSG.portalCarried(entry.text, exact) });
      continue;
    }
    const inside = (options.hostAddresses ?? []).filter((a) => prefixContains(ip, a));
    add(inside.map((a) => (ip.family === 6 ? (a.startsWith('[') ? a.slice(1, -1) : a) : a)));
    report.warning({ code: 'IET_PORTAL_PREFIX_EXPANDED', treatment: 'approx', at: line.at, construct: entry.text, message: MSG.portalExpanded(entry.text, inside) });
  }
  if (portals.length === 0) {
    report.warning({ code: 'IET_PORTAL_UNREACHABLE', treatment: 'faithful', at: line.at, construct: line.target, message: MSG.portalNothingLeft });
    return ['!*'];
  }
  return portals;
}

/** The exact SCST pattern for an address or a /8, /16, /24 network; undefined otherwise. */
function portalPattern(ip: IpEntry): string | undefined {
  if (ip.prefix === undefined) return ip.address;
  if (ip.family !== 4 || ![8, 16, 24].includes(ip.prefix)) return undefined;
  return `${ip.address.split('.').slice(0, ip.prefix / 8).join('.')}.*`;
}
