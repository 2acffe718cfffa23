/** The ISO 9660 signature a file is recognised as a CD/DVD image by, whatever its name. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasIso9660Signature } from '../../src/system/storage.js';

const dir = mkdtempSync(join(tmpdir(), 'setup-iso-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, size: number, at?: number, text = 'CD001') => {
  const bytes = Buffer.alloc(size);
  if (at !== undefined) bytes.write(text, at, 'latin1');
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};

describe('hasIso9660Signature', () => {
  it('finds "CD001" after the type byte of the first volume descriptor (sector 16)', async () => {
    expect(await hasIso9660Signature(file('disc.img', 40_000, 32_769))).toBe(true);
  });
  it('is false for the signature elsewhere, another signature, a file too short, a missing path or a directory', async () => {
    expect(await hasIso9660Signature(file('shifted.img', 40_000, 32_768))).toBe(false);
    expect(await hasIso9660Signature(file('udf.img', 40_000, 32_769, 'BEA01'))).toBe(false);
    expect(await hasIso9660Signature(file('short.iso', 32_771, 32_769))).toBe(false);
    expect(await hasIso9660Signature(join(dir, 'none.iso'))).toBe(false);
    expect(await hasIso9660Signature(dir)).toBe(false);
  });
  it('does not wait on a FIFO', async () => {
    const fifo = join(dir, 'pipe.iso');
    execFileSync('mkfifo', [fifo]);
    expect(await hasIso9660Signature(fifo)).toBe(false);
  });
});
