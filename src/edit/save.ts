/**
 * Saving a single-object change to the config file: the file's own model, plus the objects the
 * change touched that the file lacks, plus the change — written through the format-preserving
 * update (comments and layout kept, atomic, 0600, previous version kept). The host is not read
 * again: the cost is the file's, not the host's. A file that does not exist yet is created from
 * the whole live state; a file that does not parse is left alone and the caller says why.
 */
import { performance } from 'node:perf_hooks';
import { UserError } from '../errors.js';
import { parseConf, readConfFile, serializeConf, updateConf, writeConfFile } from '../conf/index.js';
import { formatDiagnostic, hasErrorDiagnostics } from '../conf/diagnostics.js';
import { readLive } from '../live/index.js';
import type { ScstConfig } from '../model/types.js';
import type { Sysfs } from '../sysfs/types.js';
import type { Prepared } from './change.js';
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

export async function saveChange(sysfs: Sysfs, file: string, live: ScstConfig, prepared: Prepared): Promise<SaveResult> {
  const started = performance.now();
  const result = await save(sysfs, file, live, prepared);
  return { ...result, ms: Math.round(performance.now() - started) };
}

async function save(sysfs: Sysfs, file: string, live: ScstConfig, prepared: Prepared): Promise<SaveResult> {
  let text: string;
  try {
    text = (await readConfFile(file)).text;
  } catch (error) {
    if (error instanceof UserError && error.code === 'CONF_NOT_FOUND') return createFromLive(sysfs, file);
    if (error instanceof UserError) return { status: 'not-saved', file, reason: error.message };
    throw error;
  }
  const parsed = parseConf(text, file);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrorDiagnostics(parsed.diagnostics)) return { status: 'not-saved', file, reason: msg.fileHasErrors(errors.length, formatDiagnostic(errors[0]!)) };
  const model = cloneModel(parsed.config);
  adoptMissing(model, live);
  prepared.apply(model);
  const written = await writeConfFile(file, updateConf(parsed.document, model));
  return { status: written.changed ? 'updated' : 'unchanged', file: written.path, ...(written.backup ? { backup: written.backup } : {}) };
}

async function createFromLive(sysfs: Sysfs, file: string): Promise<SaveResult> {
  const written = await writeConfFile(file, serializeConf(await readLive(sysfs)));
  return { status: 'created', file: written.path };
}
