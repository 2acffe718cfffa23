/**
 * The IET → SCST conversion: ietd.conf plus the access files become one `ScstConfig` (the
 * layout of ietd-conf.md §3.1) and a report. Targets are converted one by one — SCST groups
 * are per target, so nothing leaks between them — in file order, which keeps device names and
 * the report stable across runs.
 */
import { dict, emptyConfig, type Lun, type ScstConfig, type Target } from '../model/types.js';
import { validateName, validateValue } from '../model/validate.js';
import { reportShadowedLines } from './access-files.js';
import { planInitiatorAccess, planPortals, type AccessFiles, type AccessOptions, type LegacyAclLines } from './convert-access.js';
import { convertAccounts, convertIsns } from './convert-chap.js';
import { DeviceConverter, type DeviceOptions, type MappedLun } from './convert-devices.js';
import { convertParams, type DefaultsMode } from './convert-params.js';
import type { Report, SourceLocation } from './findings.js';
import type { HostProbe } from './host.js';
import type { IetdConf, IetTarget } from './ietd-conf.js';
import { legacyAclFiles, type LegacyAclFiles } from './legacy-acl.js';
import { MSG } from './messages.js';

export interface ConvertOptions extends DeviceOptions, AccessOptions {
  defaults?: DefaultsMode;
  /** False: refuse a LUN set without LUN 0 instead of adding a placeholder. */
  lun0Placeholder?: boolean;
  /** Replacement CHAP secrets by account name (--chap-secrets). */
  chapSecrets?: ReadonlyMap<string, string>;
  /** IET before 1.4.19 accepted MaxSessions but never enforced it. */
  maxSessionsIgnored?: boolean;
}

export const ALLOW_GROUP = 'iet_allow';
export const DENY_GROUP = 'iet_deny';
export const ISCSI = 'iscsi';

// Beyond what validateName refuses: characters IET allowed in names that SCST or scst.conf cannot carry.
const TARGET_NAME_UNSAFE = /[/#;]/;

export interface Conversion {
  config: ScstConfig;
  /** iscsi-scstd's legacy access files, when --legacy-ip-acl carried address rules. */
  legacyAcl?: LegacyAclFiles;
}

export function convertIet(conf: IetdConf, access: AccessFiles, options: ConvertOptions, host: HostProbe, report: Report): Conversion {
  const config = emptyConfig();
  const devices = new DeviceConverter(report, host, options);
  const driverAttributes = dict<string[]>();
  const discovery = convertAccounts('discovery', conf.incoming, conf.outgoing, report, options.chapSecrets);
  if (discovery.IncomingUser.length > 0) driverAttributes.IncomingUser = discovery.IncomingUser;
  if (discovery.OutgoingUser.length > 0) driverAttributes.OutgoingUser = discovery.OutgoingUser;
  const isns = convertIsns(conf, report);
  if (isns !== undefined) driverAttributes.iSNSServer = [isns];
  dropUnwritable(driverAttributes, 'iscsi driver', () => conf.isnsServer?.at ?? { file: conf.file }, report);
  const names = conf.targets.map((t) => t.name);
  for (const file of [access.allow, access.deny, access.targetsAllow]) if (file) reportShadowedLines(file, names, report);

  const targets = dict<Target>();
  const legacy: Array<{ target: string; lines: LegacyAclLines }> = [];
  for (const ietTarget of conf.targets) {
    const target = convertTarget(ietTarget, access, options, devices, report, legacy);
    if (target) targets[target.name] = target;
  }
  config.handlers = devices.handlers;
  config.drivers[ISCSI] = { name: ISCSI, enabled: true, attributes: driverAttributes, targets };
  const legacyAcl = legacyAclFiles(legacy);
  return legacyAcl ? { config, legacyAcl } : { config };
}

function convertTarget(
  ietTarget: IetTarget,
  access: AccessFiles,
  options: ConvertOptions,
  devices: DeviceConverter,
  report: Report,
  legacy: Array<{ target: string; lines: LegacyAclLines }>,
): Target | undefined {
  if (!targetNameUsable(ietTarget, report)) return undefined;
  const mapped = devices.convertTarget(ietTarget);
  const params = convertParams(ietTarget, options.defaults ?? 'iet', report, { maxSessionsIgnored: options.maxSessionsIgnored });
  const accounts = convertAccounts(`target ${ietTarget.name}`, ietTarget.incoming, ietTarget.outgoing, report, options.chapSecrets);
  const plan = planInitiatorAccess(ietTarget, access, options, report);
  const portals = planPortals(ietTarget, access.targetsAllow, options, report);
  if (plan.legacy) legacy.push({ target: ietTarget.name, lines: plan.legacy });

  const attributes = params.attributes;
  if (accounts.IncomingUser.length > 0) attributes.IncomingUser = accounts.IncomingUser;
  if (accounts.OutgoingUser.length > 0) attributes.OutgoingUser = accounts.OutgoingUser;
  if (portals) attributes.allowed_portal = portals;
  dropUnwritable(attributes, `Target ${ietTarget.name}`, (name) => attributeSource(ietTarget, name), report);
  const target: Target = { name: ietTarget.name, enabled: !plan.disabled && params.loginsPossible, attributes, luns: dict(), groups: dict() };

  let placeholder: string | undefined;
  const lunSet = (where: string): Record<string, Lun> => {
    const set = dict<Lun>();
    for (const m of mapped) set[String(m.lun)] = { lun: m.lun, device: m.device, attributes: dict() };
    if (mapped.length > 0 && !mapped.some((m) => m.lun === 0)) {
      if (options.lun0Placeholder === false) {
        report.error({ code: 'IET_LUN0_MISSING', treatment: 'refused', at: ietTarget.at, construct: `Target ${ietTarget.name}`, message: MSG.lun0Missing(where) });
      } else {
        placeholder ??= devices.placeholder(ietTarget);
        set['0'] = { lun: 0, device: placeholder, attributes: dict() };
        report.warning({ code: 'IET_LUN0_PLACEHOLDER', treatment: 'approx', at: ietTarget.at, construct: `Target ${ietTarget.name}`, message: MSG.lun0Placeholder(where) });
      }
    }
    return set;
  };
  if (plan.defaultLuns) target.luns = lunSet(`target ${ietTarget.name}`);
  if (plan.allow) target.groups[ALLOW_GROUP] = { name: ALLOW_GROUP, attributes: dict(), luns: lunSet(`group ${ALLOW_GROUP} of ${ietTarget.name}`), initiators: plan.allow };
  if (plan.deny) target.groups[DENY_GROUP] = { name: DENY_GROUP, attributes: dict(), luns: dict(), initiators: plan.deny };
  reportLunShape(ietTarget, mapped, report);
  report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: ietTarget.at, construct: `Target ${ietTarget.name}`, message: `carried as TARGET ${ietTarget.name} of the iscsi driver, enabled ${target.enabled ? 1 : 0}` });
  return target;
}

/** A last guard before serialization: a value SCST or scst.conf cannot carry is refused here, with its place. */
function dropUnwritable(attributes: Record<string, string[]>, construct: string, where: (attribute: string) => SourceLocation, report: Report): void {
  for (const [name, values] of Object.entries(attributes)) {
    const kept = values.filter((value) => {
      const problem = validateValue('target', ISCSI, name, name === 'alias' ? value.trim() : value).find((p) => p.severity === 'error');
      if (problem) report.error({ code: 'IET_VALUE_UNREPRESENTABLE', treatment: 'refused', at: where(name), construct, message: problem.message });
      return !problem;
    });
    if (kept.length === values.length) continue;
    if (kept.length === 0) delete attributes[name];
    else attributes[name] = kept;
  }
}

/** The ietd.conf line an iSCSI-SCST target attribute came from. */
function attributeSource(target: IetTarget, attribute: string): SourceLocation {
  if (attribute === 'alias' && target.alias) return target.alias.at;
  for (const param of target.params.values()) if (param.spec.scst?.name === attribute) return param.at;
  return target.at;
}

function targetNameUsable(target: IetTarget, report: Report): boolean {
  const construct = `Target ${target.name}`;
  const problems = validateName('target', target.name, { owner: ISCSI });
  const error = problems.find((p) => p.severity === 'error');
  if (error || TARGET_NAME_UNSAFE.test(target.name)) {
    report.error({ code: 'IET_TARGET_NAME_UNREPRESENTABLE', treatment: 'refused', at: target.at, construct, message: error?.message ?? MSG.targetNameUnrepresentable });
    return false;
  }
  if (!/^(iqn|eui|naa)\./i.test(target.name)) {
    report.warning({ code: 'IET_TARGET_NAME_NONSTANDARD', treatment: 'faithful', at: target.at, construct, message: MSG.targetNameNonstandard });
  }
  return true;
}

function reportLunShape(target: IetTarget, mapped: MappedLun[], report: Report): void {
  const construct = `Target ${target.name}`;
  if (mapped.length === 0) {
    report.warning({ code: 'IET_TARGET_NO_LUNS', treatment: 'approx', at: target.at, construct, message: MSG.targetNoLuns });
    return;
  }
  const numbers = mapped.map((m) => m.lun).sort((a, b) => a - b);
  const contiguous = numbers.every((n, i) => n === (numbers[0] === 0 ? i : i + 1));
  if (!contiguous) report.info({ code: 'IET_LUN_GAP', treatment: 'faithful', at: target.at, construct, message: MSG.lunGap(numbers) });
}
