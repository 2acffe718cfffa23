/**
 * iscsi-scstd's legacy access files (`--legacy-ip-acl`, ietd-conf.md §3.9): the one place SCST
 * can still restrict initiators by address. iscsi-scstd reads /etc/initiators.allow and
 * /etc/initiators.deny with IET's old rule (denied iff the deny line matches and the allow line
 * does not), so 1.4.18's implicit deny is written as `TARGET ALL` in the deny file. Its reader
 * is strict: target word in column 0, one blank, comma-separated bare addresses.
 */
import { join } from 'node:path';
import { writeConfFile, type WriteResult } from '../conf/files.js';
import type { LegacyAclLines } from './convert-access.js';

export const LEGACY_ALLOW_FILE = '/etc/initiators.allow';
export const LEGACY_DENY_FILE = '/etc/initiators.deny';

export interface LegacyAclFiles {
  /** Host path → file text. */
  [path: string]: string;
}

const HEADER = '# Written by scstadmin-ts migrate-iet --legacy-ip-acl: address rules carried over from IET.\n';

export function legacyAclFiles(rules: Array<{ target: string; lines: LegacyAclLines }>): LegacyAclFiles | undefined {
  if (rules.length === 0) return undefined;
  const allow = rules.filter((r) => r.lines.allow.length > 0).map((r) => `${r.target} ${r.lines.allow.join(',')}\n`);
  const deny = rules.map((r) => `${r.target} ${r.lines.deny.join(',')}\n`);
  return { [LEGACY_ALLOW_FILE]: HEADER + allow.join(''), [LEGACY_DENY_FILE]: HEADER + deny.join('') };
}

/** Atomic, mode 0600, previous version kept (as for scst.conf). */
export async function writeLegacyAclFiles(root: string, files: LegacyAclFiles): Promise<WriteResult[]> {
  const written: WriteResult[] = [];
  for (const [path, text] of Object.entries(files)) written.push(await writeConfFile(join(root, path), text));
  return written;
}
