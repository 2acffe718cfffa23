/**
 * `migrate-iet --apply`: hand the converted configuration to the one executor (plan, lock,
 * journal, rollback on failure) — but only once IET has let go of the host: ietd and
 * iscsi-scstd both want port 3260, and IET's blockio holds its devices open exclusively.
 */
import type { OpenedSysfs } from '../cli/sysfs-select.js';
import { badInput } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import { applyConfig, type Plan } from '../plan/index.js';
import { renderPlan } from '../plan/render.js';
import { runPaths } from '../plan/run-paths.js';
import { ietStillActive } from './host-checks.js';
import { writeLegacyAclFiles, type LegacyAclFiles } from './legacy-acl.js';

export interface ApplyOutcome {
  dryRun: boolean;
  applied: number;
  /** The plan as shown to the admin (secrets masked). */
  plan: string[];
  /** Legacy access files written (--legacy-ip-acl). */
  legacyAclWritten?: string[];
}

export interface ApplyMigrationOptions {
  dryRun?: boolean;
  say: (line: string) => void;
  /** iscsi-scstd's legacy access files to install first (--legacy-ip-acl). */
  legacyAcl?: LegacyAclFiles;
}

export async function applyMigration(config: ScstConfig, opened: OpenedSysfs, root: string, options: ApplyMigrationOptions): Promise<ApplyOutcome> {
  // An emulated host has no IET; the check is about the machine SCST will take over.
  if (!opened.simulationFile) {
    const active = await ietStillActive(root);
    if (active.length > 0) {
      throw badInput(`IET still holds this host: ${active.join('; ')}`, {
        code: 'IET_STILL_ACTIVE',
        object: 'migrate-iet --apply',
        hint: 'stop ietd and unload iscsi_trgt first (e.g. systemctl stop iscsitarget && modprobe -r iscsi_trgt), then run again',
      });
    }
  }
  const paths = runPaths({ simulationFile: opened.simulationFile });
  const common = { command: 'migrate-iet --apply', lockFile: paths.lockFile, stateDir: paths.stateDir };
  const preview = await applyConfig(opened.sysfs, config, { ...common, dryRun: true });
  const shown = renderPlan(preview.plan);
  for (const line of shown) options.say(line);
  if (options.dryRun) return { dryRun: true, applied: 0, plan: shown };
  const legacyAclWritten = await installLegacyAcl(opened, root, options);
  const result = await applyConfig(opened.sysfs, config, { ...common, confirm: async (plan: Plan) => samePlan(plan, preview.plan) });
  options.say(`Applied ${result.applied} sysfs write(s).`);
  return { dryRun: false, applied: result.applied, plan: shown, ...(legacyAclWritten ? { legacyAclWritten } : {}) };
}

/**
 * Before the targets exist: iscsi-scstd reads these files at every discovery and login, so
 * writing them afterwards would leave the targets open to every address for a moment.
 * An emulated host has no /etc of its own; the files are then only shown.
 */
async function installLegacyAcl(opened: OpenedSysfs, root: string, options: ApplyMigrationOptions): Promise<string[] | undefined> {
  if (!options.legacyAcl) return undefined;
  if (opened.simulationFile) {
    options.say(`emulated host: ${Object.keys(options.legacyAcl).join(' and ')} not written (see --json legacyAclFiles)`);
    return undefined;
  }
  const written = await writeLegacyAclFiles(root, options.legacyAcl);
  for (const file of written) options.say(`${file.path}: ${file.changed ? `written (mode 0600${file.backup ? `; previous kept as ${file.backup}` : ''})` : 'unchanged'}`);
  return written.map((w) => w.path);
}

/** The plan shown is the plan run: if the host changed in between, nothing is applied. */
function samePlan(plan: Plan, shown: Plan): boolean {
  return plan.ops.length === shown.ops.length && plan.ops.every((op, i) => op.path === shown.ops[i]?.path && op.data === shown.ops[i]?.data);
}
