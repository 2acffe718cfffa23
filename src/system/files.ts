/**
 * Writing host files the way an admin can trust: into a temporary sibling, flushed, then renamed
 * over the old one (src/files/atomic-write.ts), so a crash leaves either the old or the new file, never
 * half of one; a previous version that differs is kept as `NAME.bak`.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';

export type FileAction = 'written' | 'unchanged';

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Write `content` atomically, keeping a previous, different version as NAME.bak. */
export async function writeHostFile(file: string, content: string, mode: number): Promise<FileAction> {
  const previous = await readIfExists(file);
  if (previous === content) return 'unchanged';
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  if (previous !== undefined) await copyFile(file, `${file}.bak`);
  await writeFileAtomic(file, content, { mode, fsync: true });
  return 'written';
}
