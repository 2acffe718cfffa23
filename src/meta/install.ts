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

export interface GeneratedFile {
  file: string;
  content: string;
}

/**
 * Puts each file in place unless it already holds that content. Their folders are made once
 * each, not once a file (mkdir -p of a deep path is a system call a level); each file is then
 * replaced atomically, at some 0.4 ms a synced file (src/files/atomic-write.ts).
 */
export async function installFiles(files: GeneratedFile[]): Promise<InstalledFile['action'][]> {
  const previous = await Promise.all(files.map(({ file }) => readFile(file, 'utf8').catch(() => undefined)));
  const changed = files.filter(({ content }, i) => previous[i] !== content);
  for (const dir of new Set(changed.map(({ file }) => dirname(file)))) await mkdir(dir, { recursive: true, mode: 0o755 });
  for (const { file, content } of changed) await writeFileAtomic(file, content, { mode: 0o644 });
  return files.map(({ content }, i) => (previous[i] === content ? 'unchanged' : 'installed'));
}
