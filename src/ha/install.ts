/**
 * Installing the OCF agent into the resource agent directory Pacemaker searches
 * (/usr/lib/ocf/resource.d/<provider>/scst), for the running system or an image root. The
 * script names this CLI by absolute paths: Pacemaker runs agents with a minimal PATH.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { badInput } from '../errors.js';
import { writeHostFile, type FileAction } from '../system/files.js';

export const OCF_PROVIDER = 'scstadmin-ts';
export const OCF_AGENT = 'scst';
const OCF_ROOT = '/usr/lib/ocf/resource.d';

export interface OcfInstallOptions {
  /** An image root; absent = the running system. */
  root?: string;
  /** Absolute words of the CLI's command line, e.g. [node, .../bin/run.js]. */
  cli: string[];
  packageRoot: string;
}

export interface OcfInstallResult {
  path: string;
  action: FileAction;
  /** How Pacemaker names the agent: ocf:PROVIDER:scst. */
  agent: string;
}

export function renderAgent(template: string, cli: string[]): string {
  for (const word of cli) {
    // The script splits the command line on blanks: each word must be one absolute, plain word.
    if (!word.startsWith('/') || /[\s"'$`\\]/.test(word)) throw badInput(`'${word}' must be an absolute path without blanks or quotes`, { object: 'CLI command line' });
  }
  return template.replaceAll('@CLI@', cli.join(' '));
}

export async function installOcf(options: OcfInstallOptions): Promise<OcfInstallResult> {
  const template = await readFile(join(options.packageRoot, 'templates', 'ocf', OCF_AGENT), 'utf8');
  const path = join(options.root ?? '/', OCF_ROOT, OCF_PROVIDER, OCF_AGENT);
  const action = await writeHostFile(path, renderAgent(template, options.cli), 0o755);
  return { path, action, agent: `ocf:${OCF_PROVIDER}:${OCF_AGENT}` };
}
