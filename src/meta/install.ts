/**
 * Installing generated files (completion scripts, man pages) where the system looks for them.
 * They are generated, so the previous version is not kept: a stray copy in a completion or man
 * directory would be loaded as a second one.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';

export interface InstalledFile {
  file: string;
  action: 'installed' | 'unchanged';
  hint?: string;
}

export async function installFile(file: string, content: string): Promise<InstalledFile['action']> {
  const previous = await readFile(file, 'utf8').catch(() => undefined);
  if (previous === content) return 'unchanged';
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  await writeFileAtomic(file, content, { mode: 0o644 });
  return 'installed';
}
