/**
 * What the planner reads of the host: of a device the file keeps, only the attributes the file
 * names, its creation parameters and its size — a plan never writes the others. A device the
 * file does not give is read in full (a --prune removal must be undone as it was).
 */
import { describe, expect, it } from 'vitest';
import type { DirEntry, Sysfs } from '../../src/sysfs/types.js';
import { exampleHost, planFile, writeAll } from './fixtures.js';

class ReadLog implements Sysfs {
  readonly reads: string[] = [];
  constructor(private readonly inner: Sysfs) {}
  get description() { return this.inner.description; }
  read(p: string) { this.reads.push(p); return this.inner.read(p); }
  write(p: string, d: string) { return this.inner.write(p, d); }
  list(p: string): Promise<DirEntry[]> { return this.inner.list(p); }
  readlink(p: string) { return this.inner.readlink(p); }
  exists(p: string) { return this.inner.exists(p); }
}

const FILE = 'HANDLER vdisk_nullio {\n\tDEVICE kept {\n\t\tsize_mb 16\n\t\tprod_id KEPT\n\t}\n}\n';

describe('live reads of a plan', () => {
  it('reads the named attributes of a device in the file, and all of one that is not', async () => {
    const host = exampleHost();
    await writeAll(host, (await planFile(host, FILE)).ops);
    await host.write('handlers/vdisk_nullio/mgmt', 'add_device other size_mb=16');
    await host.write('devices/kept/usn', 'DRIFTED');
    const log = new ReadLog(host);
    const plan = await planFile(log, FILE.replace('KEPT', 'CHANGED'));
    expect(plan.ops.map((op) => `${op.path} ${op.data}`)).toEqual(['devices/kept/prod_id CHANGED']);
    const kept = log.reads.filter((p) => p.startsWith('devices/kept/'));
    expect(kept).toContain('devices/kept/prod_id');
    expect(kept).toContain('devices/kept/size');
    expect(kept).not.toContain('devices/kept/usn');
    expect(kept).not.toContain('devices/kept/t10_vend_id');
    expect(log.reads).toContain('devices/other/usn');
  });
});
