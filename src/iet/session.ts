/**
 * What `migrate-iet` does before any output: find the files, convert, look at the host, and
 * decide whether the result may be used (no blocking error). Kept out of the command file so the
 * command stays flags in, output out.
 */
import { networkInterfaces } from 'node:os';
import { serializeConf } from '../conf/serializer.js';
import { badInput } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import { maskSecrets } from '../ui/mask.js';
import { parseChapSecrets } from './chap-secrets.js';
import { Report } from './findings.js';
import { checkHost } from './host-checks.js';
import { hostProbe, offlineHost } from './host.js';
import type { LegacyAclFiles } from './legacy-acl.js';
import { locateSources, readOrExplain, type LocateRequest, type SourceUse } from './locate.js';
import { migrate, type MigrationOptions } from './migrate.js';
import { errorLines, summary, type MigrationJson } from './render.js';

export interface MigrateRequest extends LocateRequest {
  options: MigrationOptions;
  /** A file of replacement CHAP secrets (NAME SECRET lines). */
  chapSecretsFile?: string;
}

export interface Migration {
  report: Report;
  used: SourceUse[];
  config: ScstConfig;
  text: string;
  legacyAcl?: LegacyAclFiles;
}

/** Convert, or throw the refusal (exit 2) after `onRefused` has shown the report. */
export async function runMigration(request: MigrateRequest, onRefused: (report: Report, used: SourceUse[]) => void): Promise<Migration> {
  const { sources, used } = await locateSources({ ...request, legacyLayout: request.options.ietVersion === '0.4' });
  const offline = request.options.offline === true;
  const options: MigrationOptions = { ...request.options };
  if (!offline && options.hostAddresses === undefined && request.root === '/') options.hostAddresses = localAddresses();
  if (request.chapSecretsFile) options.chapSecrets = parseChapSecrets((await readOrExplain(request.chapSecretsFile)).toString('utf8'), request.chapSecretsFile);
  const report = new Report();
  const result = migrate(sources, options, offline ? offlineHost : hostProbe(request.root), report);
  if (!offline) await checkHost(request.root, result.conf, report, { legacyAclWritten: result.legacyAcl !== undefined });
  if (!result.config || report.blockingCount() > 0) {
    onRefused(report, used);
    const blocking = report.blockingCount();
    throw badInput(`migration refused: ${blocking} error(s) in the IET configuration; nothing was written`, {
      code: 'IET_MIGRATION_REFUSED',
      object: sources.ietdConf.file,
      hint: blocking > 0 ? 'each error above names its file:line; fix them or use the override the message names' : undefined,
      details: { findings: report.findings, sources: used, errors: errorLines(report) },
    });
  }
  return { report, used, config: result.config, text: serializeConf(result.config), ...(result.legacyAcl ? { legacyAcl: result.legacyAcl } : {}) };
}

export function migrationJson(migration: Migration, showSecrets: boolean): MigrationJson {
  const config = showSecrets ? migration.config : maskSecrets(migration.config);
  return {
    sources: migration.used,
    summary: summary(migration.report),
    findings: migration.report.findings,
    config,
    configText: showSecrets ? migration.text : serializeConf(config),
    ...(migration.legacyAcl ? { legacyAclFiles: migration.legacyAcl } : {}),
  };
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => i.address.replace(/%.*$/, ''));
}
