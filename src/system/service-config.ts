/**
 * The configuration the service works from, and how far the kernel is from it. Parsing goes
 * through the scst.conf parser (errors with file:line:col, exit 2); drift is the plan the
 * executor would run, so "drift" here and `plan` always agree.
 */
import { badInput, UserError } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import { parseConf } from '../conf/parse.js';
import { readConfFile } from '../conf/files.js';
import { diagnosticsError, hasErrorDiagnostics } from '../conf/diagnostics.js';
import type { ServiceDefaults } from './defaults-file.js';

const DEFAULT_CONFIG_FILE = '/etc/scst.conf';

export interface LoadedServiceConfig {
  /** Undefined when the default file does not exist (SCST then starts empty). */
  config?: ScstConfig;
  /** The parser's warnings, `file:line:col: message`. */
  warnings: string[];
}

/**
 * The parsed file and its warnings; errors throw (exit 2, every error with file:line:col).
 * The file is read with check-config's checks (a directory, a FIFO or a missing file named by
 * --config or SCST_CONF is bad input, in the same words); only the built-in default
 * /etc/scst.conf may be absent, which means "nothing configured".
 */
export async function loadServiceConfig(file: string): Promise<LoadedServiceConfig> {
  let text: string;
  try {
    text = (await readConfFile(file)).text;
  } catch (error) {
    if (file === DEFAULT_CONFIG_FILE && error instanceof UserError && error.code === 'CONF_NOT_FOUND') return { warnings: [] };
    throw error;
  }
  const parsed = parseConf(text, file);
  if (hasErrorDiagnostics(parsed.diagnostics, parsed.omitted)) throw diagnosticsError(parsed.diagnostics, parsed.omitted);
  const warnings = parsed.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);
  return { config: parsed.config, warnings };
}

/** Whether an error of loadServiceConfig is about the file itself (missing, not a file, unreadable), not its content. */
export function isConfigFileError(error: unknown): boolean {
  return error instanceof UserError && (error.code === 'CONF_NOT_FOUND' || error.code === 'CONF_UNREADABLE');
}

/** The parsed file, or undefined when it does not exist. */
export async function readServiceConfig(file: string): Promise<ScstConfig | undefined> {
  return (await loadServiceConfig(file)).config;
}

/** Like loadServiceConfig, but the file must exist. */
export async function requireServiceConfig(file: string): Promise<LoadedServiceConfig & { config: ScstConfig }> {
  const loaded = await loadServiceConfig(file);
  if (!loaded.config) throw badInput('no such configuration file', { object: file, code: 'CONF_MISSING', hint: 'give one with --config, or set SCST_CONF' });
  return { ...loaded, config: loaded.config };
}

/** Which file the service uses: --config, else SCST_CONF (environment, then /etc/default/scst), else /etc/scst.conf. */
export function serviceConfigFile(flag: string | undefined, defaults: ServiceDefaults, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.SCST_CONF || defaults.values.SCST_CONF || DEFAULT_CONFIG_FILE);
}
