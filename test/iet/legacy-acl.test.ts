import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { legacyAclFiles, writeLegacyAclFiles } from '../../src/iet/legacy-acl.js';

const scratch = mkdtempSync(join(tmpdir(), 'legacy-acl-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('legacy access files', () => {
  it('one line per target, column 0, no blanks around commas; none when nothing needs them', () => {
    expect(legacyAclFiles([])).toBeUndefined();
    const files = legacyAclFiles([
      { target: 'iqn.a:t1', lines: { allow: ['10.0.0.1', '10.1.0.0/16'], deny: ['ALL'] } },
      { target: 'iqn.a:t2', lines: { allow: [], deny: ['192.168.0.0/24'] } },
    ])!;
    expect(files['/etc/initiators.allow']!.split('\n').slice(1)).toEqual(['iqn.a:t1 10.0.0.1,10.1.0.0/16', '']);
    expect(files['/etc/initiators.deny']!.split('\n').slice(1)).toEqual(['iqn.a:t1 ALL', 'iqn.a:t2 192.168.0.0/24', '']);
  });

  it('writes below the root atomically with mode 0600 and keeps the previous version', async () => {
    mkdirSync(join(scratch, 'etc'));
    writeFileSync(join(scratch, 'etc/initiators.deny'), 'old ALL\n');
    const files = legacyAclFiles([{ target: 'iqn.a:t1', lines: { allow: ['10.0.0.1'], deny: ['ALL'] } }])!;
    const written = await writeLegacyAclFiles(scratch, files);
    expect(written.map((w) => w.changed)).toEqual([true, true]);
    expect(statSync(join(scratch, 'etc/initiators.allow')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(scratch, 'etc/initiators.deny'), 'utf8')).toBe(files['/etc/initiators.deny']);
    const backups = readdirSync(join(scratch, 'etc/initiators.deny.backups'));
    expect(readFileSync(join(scratch, 'etc/initiators.deny.backups', backups[0]!), 'utf8')).toBe('old ALL\n');
  });
});
