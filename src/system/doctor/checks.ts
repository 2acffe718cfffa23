/**
 * doctor's checks: each a pure function of the gathered facts, returning its findings (an
 * empty list means healthy). Checks that need something absent (the kernel tree, the file)
 * say they were skipped rather than claiming health.
 */
import type { ScstConfig, Target } from '../../model/types.js';
import { isSecretAttribute } from '../../model/attributes.js';
import { initiatorMatches } from '../../plan/in-use.js';
import { modulesForConfig } from '../module-catalog.js';
import type { DoctorFacts } from './facts.js';
import { doctorText as T } from './messages.js';

export interface Finding {
  /** What the finding is about: a module, a file, `target iscsi/IQN`. */
  object: string;
  message: string;
  fix: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: 'ok' | 'problem' | 'skipped';
  /** Why a check was skipped. */
  reason?: string;
  findings: Finding[];
}

interface Check {
  id: string;
  title: string;
  run(facts: DoctorFacts): Finding[] | { skipped: string };
}

const COPY_MANAGER = 'copy_manager';

const CHECKS: Check[] = [
  {
    id: 'scst-loaded',
    title: T.scstNotLoaded.title,
    run: (f) => (f.scstLoaded ? [] : [{ object: 'module scst', message: T.scstNotLoaded.message, fix: T.scstNotLoaded.fix }]),
  },
  {
    id: 'iscsi-daemon',
    title: T.daemon.title,
    run: (f) => {
      if (f.daemon === 'no-driver') return { skipped: 'iscsi_scst is not loaded' };
      if (f.daemon === 'connected' && f.daemonStopped) return [{ object: 'iscsi-scstd', message: T.daemon.stopped, fix: T.daemon.stoppedFix }];
      return f.daemon === 'connected' ? [] : [{ object: 'iscsi-scstd', message: T.daemon.message, fix: T.daemon.fix }];
    },
  },
  {
    id: 'config-usable',
    title: T.config.title,
    run: (f) => {
      if (f.config.missing) return { skipped: `${f.config.file} does not exist` };
      return f.config.error ? [{ object: f.config.file, message: T.config.unreadable(f.config.error), fix: T.config.fix }] : [];
    },
  },
  {
    id: 'config-modules',
    title: T.modules.title,
    run: (f) => {
      if (!f.config.config) return { skipped: 'no usable configuration file' };
      return modulesForConfig(f.config.config).required
        .filter((m) => !f.loadedModules.has(m))
        .map((m) => ({ object: `module ${m}`, message: T.modules.message(m, f.config.file), fix: T.modules.fix }));
    },
  },
  {
    id: 'drift',
    title: T.drift.title,
    run: (f) => {
      if (!f.drift) return { skipped: f.scstLoaded ? 'no usable configuration file' : 'SCST is not loaded' };
      if (f.drift.unplannable) return [{ object: f.config.file, message: T.drift.unplannable(f.drift.unplannable), fix: T.drift.unplannableFix }];
      const pending = f.drift.pending;
      return pending.length === 0 ? [] : [{ object: f.config.file, message: T.drift.message(pending.length, pending.slice(0, 3)), fix: T.drift.fix(f.config.file) }];
    },
  },
  {
    id: 'config-secrets',
    title: T.secrets.title,
    run: (f) => {
      if (!f.config.config || f.config.mode === undefined) return { skipped: 'no usable configuration file' };
      if ((f.config.mode & 0o044) === 0 || !holdsSecrets(f.config.config)) return [];
      return [{ object: f.config.file, message: T.secrets.message(f.config.mode), fix: T.secrets.fix(f.config.file) }];
    },
  },
  {
    id: 'backing-storage',
    title: T.backing.title,
    run: (f) => backingFindings(f),
  },
  {
    id: 'lun-0',
    title: T.lun0.title,
    run: (f) => (f.live ? lunZeroFindings(f.live) : { skipped: 'SCST is not loaded' }),
  },
  {
    id: 'initiator-groups',
    title: T.initiators.title,
    run: (f) => {
      const sources = [f.live, f.config.config].filter((c): c is ScstConfig => c !== undefined);
      if (sources.length === 0) return { skipped: 'neither the kernel nor a configuration file to look at' };
      const seen = new Map<string, Finding>();
      for (const config of sources) for (const finding of duplicateInitiators(config)) seen.set(`${finding.object}\u0000${finding.message}`, finding);
      return [...seen.values()];
    },
  },
];

export function runChecks(facts: DoctorFacts): CheckResult[] {
  return CHECKS.map((check) => {
    const outcome = check.run(facts);
    if (!Array.isArray(outcome)) return { id: check.id, title: check.title, status: 'skipped', reason: outcome.skipped, findings: [] };
    return { id: check.id, title: check.title, status: outcome.length === 0 ? 'ok' : 'problem', findings: outcome };
  });
}

function holdsSecrets(config: ScstConfig): boolean {
  for (const driver of Object.values(config.drivers)) {
    if (Object.keys(driver.attributes).some(isSecretAttribute)) return true;
    for (const target of Object.values(driver.targets)) {
      if (Object.keys(target.attributes).some(isSecretAttribute)) return true;
    }
  }
  return false;
}

function backingFindings(f: DoctorFacts): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const config of [f.live, f.config.config]) {
    for (const handler of Object.values(config?.handlers ?? {})) {
      for (const device of Object.values(handler.devices)) {
        const path = device.attributes.filename?.at(-1);
        if (!path || reported.has(device.name)) continue;
        const store = f.stores.get(path);
        const object = `device ${device.name}`;
        if (!store) {
          findings.push({ object, message: T.backing.missing(path), fix: T.backing.fixMissing });
          reported.add(device.name);
        } else if (device.size !== undefined && store.size !== undefined && store.kind !== 'dir' && store.size < device.size) {
          findings.push({ object, message: T.backing.smaller(path, store.size, device.size), fix: T.backing.fixSmaller });
          reported.add(device.name);
        }
      }
    }
  }
  return findings;
}

function lunZeroFindings(live: ScstConfig): Finding[] {
  const findings: Finding[] = [];
  for (const [driverName, driver] of Object.entries(live.drivers)) {
    if (driverName === COPY_MANAGER) continue;
    for (const target of Object.values(driver.targets)) {
      if (target.enabled !== true) continue;
      const object = `target ${driverName}/${target.name}`;
      if (!hasAnyLun(target)) {
        findings.push({ object, message: T.lun0.noLuns, fix: T.lun0.fix });
        continue;
      }
      const sets: Array<[string, Record<string, unknown>]> = [['its default LUN set', target.luns], ...Object.values(target.groups).map((g): [string, Record<string, unknown>] => [`group ${g.name}`, g.luns])];
      for (const [label, luns] of sets) {
        if (Object.keys(luns).length > 0 && !('0' in luns)) findings.push({ object, message: T.lun0.noLun0(label), fix: T.lun0.fix });
      }
    }
  }
  return findings;
}

function hasAnyLun(target: Target): boolean {
  return Object.keys(target.luns).length > 0 || Object.values(target.groups).some((g) => Object.keys(g.luns).length > 0);
}

/**
 * An initiator two groups of one target claim: the same name in both, or a name (written in a
 * group, or of a live session) that another group's pattern (`*`, `?`, `!`) matches as well.
 */
function duplicateInitiators(config: ScstConfig): Finding[] {
  const findings: Finding[] = [];
  for (const [driverName, driver] of Object.entries(config.drivers)) {
    for (const target of Object.values(driver.targets)) {
      const groups = Object.values(target.groups);
      const names = new Set([...groups.flatMap((g) => g.initiators.filter((i) => !isPattern(i))), ...(target.sessions ?? []).map((s) => s.initiator)]);
      for (const name of names) {
        const claiming = groups.filter((g) => g.initiators.some((entry) => initiatorMatches(entry, name))).map((g) => g.name);
        if (claiming.length > 1) findings.push({ object: `target ${driverName}/${target.name}`, message: T.initiators.message(name, claiming), fix: T.initiators.fix });
      }
    }
  }
  return findings;
}

function isPattern(entry: string): boolean {
  return /[*?!]/.test(entry);
}
