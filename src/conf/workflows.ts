/**
 * What the config commands do, kept out of commands/: check a file (offline, and against the
 * live state when SCST is loaded), save the live state, put a file in canonical layout.
 */
import { copyManagerMapsAutomatically, isSecretAttribute } from '../model/attributes.js';
import type { ScstConfig } from '../model/types.js';
import { readLive } from '../live/index.js';
import { UserError, badInput } from '../errors.js';
import type { Sysfs } from '../sysfs/types.js';
import { checkConfig, type CheckOptions, type PathKind } from './check.js';
import { diagnosticsError, hasErrorDiagnostics, type Diagnostic } from './diagnostics.js';
import { readConfFile, writeConfFile } from './files.js';
import { hasComment } from './lexer.js';
import { parseConf } from './parse.js';
import { HEADER_PREFIX, serializeConf } from './serializer.js';

const COPY_MANAGER = 'copy_manager';

export interface CheckReport {
  file: string;
  /** The live checks ran (SCST was loaded). */
  live: boolean;
  /** The live checks were not asked for (--offline), as opposed to SCST not being loaded. */
  offline: boolean;
  errors: number;
  warnings: number;
  /** The first findings of the file by position; `errors` and `warnings` count all of them. */
  findings: Diagnostic[];
}

/** The live state, or undefined when SCST is not loaded there. */
export async function readLiveIfLoaded(sysfs: Sysfs): Promise<ScstConfig | undefined> {
  try {
    return await readLive(sysfs);
  } catch (error) {
    if (error instanceof UserError && error.code === 'SCST_NOT_LOADED') return undefined;
    throw error;
  }
}

/** An emulated host answers for its own backing files; the real tree leaves it to the local file system. */
interface EmulatedHost {
  hostPath(path: string): { kind: 'file' | 'block' | 'dir' } | undefined;
}

/** How to look at backing files on the host a tree belongs to; undefined: this machine's file system. */
export function backingFileStat(sysfs: Sysfs | undefined): ((path: string) => PathKind) | undefined {
  const host = sysfs as Partial<EmulatedHost> | undefined;
  if (typeof host?.hostPath !== 'function') return undefined;
  const lookup = host.hostPath.bind(host);
  return (path: string): PathKind => {
    const found = lookup(path);
    return !found ? 'missing' : found.kind === 'dir' ? 'other' : found.kind;
  };
}

export async function checkFile(path: string, options: { sysfs?: Sysfs; statPath?: CheckOptions['statPath'] } = {}): Promise<CheckReport> {
  const file = await readConfFile(path);
  const live = options.sysfs ? await readLiveIfLoaded(options.sysfs) : undefined;
  const statPath = options.statPath ?? backingFileStat(options.sysfs);
  const result = checkConfig(file.text, path, { mode: file.mode, live, ...(statPath !== undefined ? { statPath } : {}) });
  return { file: path, live: live !== undefined, offline: options.sysfs === undefined, errors: result.errors, warnings: result.warnings, findings: result.diagnostics };
}

export interface SaveReport {
  file: string;
  changed: boolean;
  backup?: string;
  /** Printed to a stream (`-`, /dev/stdout) rather than saved to a file. */
  stream?: boolean;
  devices: number;
  targets: number;
  secrets: number;
  /** Sysfs files that could not be read: what they hold is missing from the saved file. */
  unreadable?: Array<{ path: string; errno: string }>;
}

/** write-config: the live state in scstadmin's layout, written atomically. */
export async function saveLive(sysfs: Sysfs, path: string, options: { generator?: string } = {}): Promise<SaveReport> {
  const live = await readLive(sysfs);
  const text = serializeConf(withoutAutomaticCopyManagerLuns(live), options);
  const written = await writeConfFile(path, text);
  const targets = Object.values(live.drivers).flatMap((d) => Object.values(d.targets));
  const secretCount = [...Object.values(live.drivers).map((d) => d.attributes), ...targets.map((t) => t.attributes)]
    .flatMap((attrs) => Object.entries(attrs).filter(([name]) => isSecretAttribute(name)).map(([, values]) => values.length))
    .reduce((a, b) => a + b, 0);
  return {
    file: written.path,
    changed: written.changed,
    ...(written.backup ? { backup: written.backup } : {}),
    ...(written.stream ? { stream: true } : {}),
    devices: Object.values(live.handlers).reduce((n, h) => n + Object.keys(h.devices).length, 0),
    targets: targets.length,
    secrets: secretCount,
    ...(live.live?.unreadable?.length ? { unreadable: live.live.unreadable } : {}),
  };
}

/**
 * The live state without the copy manager's automatic LUNs. The kernel maps each vdisk device
 * there by itself when the device is created, under a number of its own (a counter that is not
 * rewound), so a file listing them makes Perl `scstadmin -config` add each device a second time
 * on the next boot; our apply never needs them. LUNs of other devices (mapped by hand) are kept.
 */
export function withoutAutomaticCopyManagerLuns(live: ScstConfig): ScstConfig {
  const driver = live.drivers[COPY_MANAGER];
  if (!driver) return live;
  const handlerOf = new Map(Object.values(live.handlers).flatMap((h) => Object.keys(h.devices).map((d) => [d, h.name] as const)));
  const targets = Object.fromEntries(
    Object.entries(driver.targets)
      .map(([name, target]) => {
        const luns = Object.fromEntries(Object.entries(target.luns).filter(([, lun]) => !copyManagerMapsAutomatically(handlerOf.get(lun.device) ?? '')));
        return [name, { ...target, luns }] as const;
      })
      // copy_manager_tgt is the kernel's own: with nothing of it left to say, it is left out
      .filter(([, target]) => Object.keys(target.luns).length > 0 || Object.keys(target.attributes).length > 0),
  );
  const { [COPY_MANAGER]: _, ...others } = live.drivers;
  const empty = Object.keys(targets).length === 0 && Object.keys(driver.attributes).length === 0;
  return { ...live, drivers: empty ? others : { ...others, [COPY_MANAGER]: { ...driver, targets } } };
}

export interface FormatReport {
  file: string;
  /** The file already was in canonical layout. */
  canonical: boolean;
  written: boolean;
  backup?: string;
  /** Lines with a comment (whole-line or trailing) that the canonical layout does not keep. */
  droppedComments: number;
  /** The canonical text (the caller masks secrets before showing it). */
  text: string;
  config: ScstConfig;
}

export async function formatFile(path: string, options: { write: boolean; force: boolean }): Promise<FormatReport> {
  const file = await readConfFile(path);
  const parsed = parseConf(file.text, path);
  if (hasErrorDiagnostics(parsed.diagnostics, parsed.omitted)) throw diagnosticsError(parsed.diagnostics, parsed.omitted);
  const text = serializeConf(parsed.config);
  const droppedComments = parsed.document.source.lines.filter((l) => hasComment(l) && !l.startsWith(HEADER_PREFIX)).length;
  const canonical = sameIgnoringHeader(file.text, text);
  const report: FormatReport = { file: path, canonical, written: false, droppedComments, text, config: parsed.config };
  if (!options.write || canonical) return report;
  if (droppedComments > 0 && !options.force) {
    throw badInput(`the canonical layout does not keep comments, and the file has ${droppedComments} comment line(s)`, {
      object: path,
      code: 'CONF_COMMENTS',
      hint: 'run again with --force to drop them (the old file is kept in the backup directory)',
    });
  }
  const written = await writeConfFile(path, text);
  return { ...report, written: written.changed, ...(written.backup ? { backup: written.backup } : {}) };
}

/** The generator line differs between tools and versions; it does not make a file non-canonical. */
function sameIgnoringHeader(a: string, b: string): boolean {
  const strip = (t: string) => (t.startsWith(HEADER_PREFIX) ? t.slice(t.indexOf('\n') + 1) : t);
  return strip(a) === strip(b);
}
