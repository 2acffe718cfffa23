/**
 * One record appended whole to an O_APPEND descriptor. write(2) may write less than it was given
 * when the disk fills up (ENOSPC comes only on the next call), so a short write is continued
 * until the record is complete or the call fails: a record is never silently cut short.
 */
import { writeSync } from 'node:fs';

export function appendRecord(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
