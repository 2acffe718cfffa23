/**
 * write-file-atomic (a sibling temporary file, optionally fsync'd, chmod'ed, renamed over the
 * target), imported on the first write: the module asks Node's worker_threads for a thread id
 * when it loads, which costs a few milliseconds of every start, and read-only runs write nothing.
 */
import type { Options } from 'write-file-atomic';

export async function writeFileAtomic(file: string, content: string, options: Options): Promise<void> {
  const { default: write } = await import('write-file-atomic');
  await write(file, content, options);
}
