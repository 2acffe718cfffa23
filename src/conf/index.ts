/**
 * The scst.conf API used by the planner, migrate-iet and start/reload:
 * - `parseConf(text, file)` → { config, document, diagnostics } (diagnostics carry file:line:col)
 * - `serializeConf(config, options)` → text in Perl scstadmin's `-write_config` layout
 * - `readConfFile(path)` / `writeConfFile(path, text)` → safe read; atomic 0600 write with backups
 * - `updateConf(document, config)` → the file's text with only the differing blocks changed
 * - `parseConfScoped(text, file, interest)` → parseConf of only the objects a change touches
 *   (undefined when the quick pass cannot read the file's form; updateConf then may throw
 *   NeedsWholeFile: parse the whole file instead)
 * - `checkConfig(text, file, options)` → parse + semantic checks (offline, and live when given)
 * - `loadConf(path)` → read + parse, throwing one exit-2 error listing every error of the file
 */
import { diagnosticsError, hasErrorDiagnostics } from './diagnostics.js';
import { readConfFile } from './files.js';
import { parseConf, type ParseResult } from './parse.js';

export { parseConf, locate, type ConfDocument, type ParseResult } from './parse.js';
export { serializeConf, formatValue, HEADER_PREFIX, type SerializeOptions } from './serializer.js';
export { readConfFile, writeConfFile, confPath, backupDirFor, DEFAULT_CONF, BACKUPS_KEPT, type ConfFile, type WriteResult } from './files.js';
export { updateConf, NeedsWholeFile } from './update.js';
export { parseConfScoped, targetKey, type ConfInterest, type TargetInterest } from './scoped.js';
export { checkConfig, statHostPath, type CheckOptions, type CheckResult } from './check.js';
export { formatDiagnostic, hasErrorDiagnostics, diagnosticsError, type Diagnostic } from './diagnostics.js';

/** Reads and parses a config file; any error of the file (all of them, one line each) → exit 2. */
export async function loadConf(path: string): Promise<ParseResult & { mode: number }> {
  const file = await readConfFile(path);
  const parsed = parseConf(file.text, path);
  if (hasErrorDiagnostics(parsed.diagnostics, parsed.omitted)) throw diagnosticsError(parsed.diagnostics, parsed.omitted);
  return { ...parsed, mode: file.mode };
}
