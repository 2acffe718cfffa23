/**
 * Writing host files the way an admin can trust: into a temporary sibling, flushed, then
 * renamed over the old one, so a crash leaves either the old or the new file, never half of
 * one; a previous version that differs is kept as `NAME.bak`.
 */
import { copyFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type FileAction = 'written' | 'unchanged';

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function writeFileAtomic(file: string, content: string, mode: number): Promise<FileAction> {
  const previous = await readIfExists(file);
  if (previous === content) return 'unchanged';
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  if (previous !== undefined) await copyFile(file, `${file}.bak`);
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const handle = await open(temporary, 'w', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
  return 'written';
}
