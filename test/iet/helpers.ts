import { serializeConf } from '../../src/conf/serializer.js';
import { Report } from '../../src/iet/findings.js';
import type { HostProbe, PathKind } from '../../src/iet/host.js';
import { migrate, type MigrationOptions, type MigrationResult } from '../../src/iet/migrate.js';

export interface Texts {
  ietd: string | Buffer;
  allow?: string;
  deny?: string;
  targets?: string;
}

export function run(texts: Texts, options: MigrationOptions = {}, host?: HostProbe): MigrationResult {
  const src = (file: string, text?: string) => (text === undefined ? undefined : { file, content: Buffer.from(text) });
  return migrate(
    {
      ietdConf: { file: 'ietd.conf', content: Buffer.isBuffer(texts.ietd) ? texts.ietd : Buffer.from(texts.ietd) },
      initiatorsAllow: src('initiators.allow', texts.allow),
      initiatorsDeny: src('initiators.deny', texts.deny),
      targetsAllow: src('targets.allow', texts.targets),
    },
    { offline: host === undefined, ...options },
    host,
    new Report(),
  );
}

/** A host whose paths are described by a table: path → kind, realpath, logical block size. */
export function fakeHost(paths: Record<string, { kind: PathKind; real?: string; blockSize?: number }>): HostProbe {
  return {
    kind: (p) => paths[p]?.kind ?? 'missing',
    realpath: (p) => (paths[p] ? (paths[p].real ?? p) : undefined),
    logicalBlockSize: (p) => paths[p]?.blockSize,
  };
}

export function codes(result: MigrationResult, severity?: string): string[] {
  return result.report.findings.filter((f) => (severity ? f.severity === severity : f.code !== 'IET_CARRIED')).map((f) => f.code);
}

/** The generated scst.conf without its two header lines and the empty core-attribute line. */
export function confText(result: MigrationResult): string {
  if (!result.config) throw new Error(`no configuration; findings: ${JSON.stringify(result.report.findings, null, 1)}`);
  return serializeConf(result.config).split('\n').slice(3).join('\n');
}

/** Devices of one handler with their attributes, for short assertions. */
export function devices(result: MigrationResult, handler: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [name, device] of Object.entries(result.config?.handlers[handler]?.devices ?? {})) out[name] = { ...device.attributes };
  return out;
}
