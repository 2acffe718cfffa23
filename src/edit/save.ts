/**
 * Saving a single-object change to the config file: the file's own model, plus the objects the
 * change touched that the file lacks, plus the change — written through the format-preserving
 * update (comments and layout kept, atomic, 0600, previous version kept). The host is not read
 * again: the cost is the file's, not the host's. Only the objects the change can touch are
 * parsed (conf/scoped.ts), so a file of 10 000 LUNs saves as fast as one of 10; a file the quick
 * pass cannot read, or an update that needs more of it, is parsed whole. A file that does not
 * exist yet is created from the whole live state; a file that does not parse is left alone and
 * the caller says why.
 */
import { startStopwatch } from '../ui/stopwatch.js';
import { UserError } from '../errors.js';
import { NeedsWholeFile, parseConf, parseConfScoped, readConfFile, targetKey, updateConf, writeConfFile, type ConfInterest, type ParseResult, type TargetInterest } from '../conf/index.js';
import { saveLive } from '../conf/workflows.js';
import { formatDiagnostic, hasErrorDiagnostics } from '../conf/diagnostics.js';
import type { ScstConfig } from '../model/types.js';
import type { Sysfs } from '../sysfs/types.js';
import type { EditScope, Prepared } from './change.js';
import { adoptMissing, cloneModel } from './model.js';
import { editMessages as msg } from './messages.js';

export interface SaveResult {
  /** `updated`/`unchanged`: the file was (or already was) right; `created`: from the live state;
   *  `skipped`: --no-save or --dry-run; `not-saved`: the file could not be updated (`reason`). */
  status: 'updated' | 'unchanged' | 'created' | 'skipped' | 'not-saved';
  file?: string;
  backup?: string;
  reason?: string;
  /** Time spent on the file (read, parse, update, atomic write), milliseconds. */
  ms?: number;
}

/**
 * `live` is what the change read (its scope, and what prepare read besides); `scope` what it
 * named, including objects the host does not have.
 */
export async function saveChange(sysfs: Sysfs, file: string, live: ScstConfig, prepared: Prepared, scope: EditScope = {}): Promise<SaveResult> {
  const elapsed = startStopwatch();
  const result = await save(sysfs, file, live, prepared, scope);
  return { ...result, ms: elapsed() };
}

async function save(sysfs: Sysfs, file: string, live: ScstConfig, prepared: Prepared, scope: EditScope): Promise<SaveResult> {
  let text: string;
  try {
    text = (await readConfFile(file)).text;
  } catch (error) {
    if (error instanceof UserError && error.code === 'CONF_NOT_FOUND') return createFromLive(sysfs, file);
    if (error instanceof UserError) return { status: 'not-saved', file, reason: error.message };
    throw error;
  }
  const scoped = parseConfScoped(text, file, interestOf(scope, live, prepared));
  if (scoped) {
    try {
      return await update(scoped, live, prepared);
    } catch (error) {
      if (!(error instanceof NeedsWholeFile)) throw error;
    }
  }
  return update(parseConf(text, file), live, prepared);
}

async function update(parsed: ParseResult, live: ScstConfig, prepared: Prepared): Promise<SaveResult> {
  const { file } = parsed.document.source;
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrorDiagnostics(parsed.diagnostics)) return { status: 'not-saved', file, reason: msg.fileHasErrors(errors.length, formatDiagnostic(errors[0]!)) };
  // parseConf's config is the caller's own: the document keeps a copy of the file as it was.
  const model = parsed.config;
  adoptMissing(model, live);
  prepared.apply(model);
  const written = await writeConfFile(file, updateConf(parsed.document, model));
  return { status: written.changed ? 'updated' : 'unchanged', file: written.path, ...(written.backup ? { backup: written.backup } : {}) };
}

/** As write-config writes it (without the copy manager's automatic LUNs, which would map each device twice at boot). */
async function createFromLive(sysfs: Sysfs, file: string): Promise<SaveResult> {
  const written = await saveLive(sysfs, file);
  return { status: 'created', file: written.file };
}

/**
 * The objects of the file the change can touch: those it named, those it read from the host,
 * and those it makes on the host (the LUN number add-lun chose). `apply` makes the same edit to
 * the file's model, so it touches these, plus what refers to a device of them (kept by the
 * scoped parse wherever it stands).
 */
type Wanted = { [K in keyof TargetInterest]: Set<string> | 'all' };

export function interestOf(scope: EditScope, live: ScstConfig, prepared: Prepared): ConfInterest {
  const after = cloneModel(live);
  prepared.apply(after);
  const devices = new Set(scope.devices);
  const targets = new Map<string, Wanted>();
  const targetOf = (driver: string, target: string): Wanted => {
    const key = targetKey(driver, target);
    const found = targets.get(key) ?? { luns: new Set(), groups: new Set() };
    targets.set(key, found);
    return found;
  };
  const add = (into: Wanted, part: keyof Wanted, names: Iterable<string | number> | 'all') => {
    const have = into[part];
    if (names === 'all') into[part] = 'all';
    else if (have !== 'all') for (const name of names) have.add(String(name));
  };
  for (const t of scope.targets ?? []) {
    const into = targetOf(t.driver, t.target);
    add(into, 'luns', t.luns ?? []);
    add(into, 'groups', t.groups ?? []);
  }
  for (const model of [live, after]) {
    for (const handler of Object.values(model.handlers)) for (const name of Object.keys(handler.devices)) devices.add(name);
    for (const driver of Object.values(model.drivers)) {
      for (const target of Object.values(driver.targets)) {
        const into = targetOf(driver.name, target.name);
        add(into, 'luns', Object.keys(target.luns));
        add(into, 'groups', Object.keys(target.groups));
      }
    }
  }
  return { devices, targets };
}
