/**
 * What the planner reads of the host. Without --prune a plan writes only what the file names,
 * so it reads only that: of a device the file keeps, the attributes the file names (and its size
 * when the file gives one); nothing of a device the file does not give. With --prune, or when a
 * plan is asked to show drift (plan, diff), everything that can differ from its default is read,
 * so a --prune removal can be undone as it was and values the file omits are seen.
 */
import { describe, expect, it } from 'vitest';
import { parseConf } from '../../src/conf/parse.js';
import { Emulator } from '../../src/emulator/emulator.js';
import type { DirEntry, ListOptions, Sysfs } from '../../src/sysfs/types.js';
import { planAgainstHost } from '../../src/plan/index.js';
import { exampleHost, planFile, writeAll } from './fixtures.js';

class ReadLog implements Sysfs {
  readonly reads: string[] = [];
  readonly lists: string[] = [];
  constructor(private readonly inner: Sysfs) {}
  get description() { return this.inner.description; }
  read(p: string) { this.reads.push(p); return this.inner.read(p); }
  write(p: string, d: string) { return this.inner.write(p, d); }
  list(p: string, o?: ListOptions): Promise<DirEntry[]> { this.lists.push(p); return this.inner.list(p, o); }
  readlink(p: string) { return this.inner.readlink(p); }
  exists(p: string) { return this.inner.exists(p); }
}

const FILE = 'HANDLER vdisk_nullio {\n\tDEVICE kept {\n\t\tsize_mb 16\n\t\tprod_id KEPT\n\t}\n}\n';

describe('live reads of a plan', () => {
  it('reads the named attributes of a device in the file, and none of one that is not', async () => {
    const host = exampleHost();
    await writeAll(host, (await planFile(host, FILE)).ops);
    await host.write('handlers/vdisk_nullio/mgmt', 'add_device other size_mb=16');
    await host.write('devices/kept/usn', 'DRIFTED');
    const log = new ReadLog(host);
    const plan = await planFile(log, FILE.replace('KEPT', 'CHANGED'));
    expect(plan.ops.map((op) => `${op.path} ${op.data}`)).toEqual(['devices/kept/prod_id CHANGED']);
    const kept = log.reads.filter((p) => p.startsWith('devices/kept/'));
    expect(kept.sort()).toEqual(['devices/kept/prod_id', 'devices/kept/size']);
    expect(log.reads.filter((p) => p.startsWith('devices/other/'))).toEqual([]);
  });

  it('reads all of a device with --prune or for drift', async () => {
    const host = exampleHost();
    await writeAll(host, (await planFile(host, FILE)).ops);
    await host.write('handlers/vdisk_nullio/mgmt', 'add_device other size_mb=16');
    for (const options of [{ prune: true }, { drift: true }]) {
      const log = new ReadLog(host);
      await planFile(log, FILE, options);
      expect(log.reads).toContain('devices/other/usn');
      expect(log.reads).toContain('devices/kept/usn');
    }
  });

  it('re-applies an unchanged file with at most 4 calls per LUN, and LUN directories unread', async () => {
    const devices: string[] = [];
    const luns: string[] = [];
    for (let i = 0; i < 50; i++) {
      devices.push(`\tDEVICE n${i} {\n\t\tsize_mb 16\n\t}`);
      luns.push(`\t\tLUN ${i} n${i}`);
    }
    const text = `HANDLER vdisk_nullio {\n${devices.join('\n')}\n}\nTARGET_DRIVER iscsi {\n\tenabled 1\n\tTARGET iqn.2031-04.test.reads:t {\n\t\tenabled 1\n${luns.join('\n')}\n\t}\n}\n`;
    const desired = parseConf(text, 'scst.conf').config;
    const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false });
    await writeAll(host, (await planAgainstHost(host, desired, { suspend: false })).ops);
    const log = new ReadLog(host);
    const plan = await planAgainstHost(log, desired);
    expect(plan.ops).toEqual([]);
    // A fixed part (root, handlers, drivers, copy_manager) plus at most 4 per LUN.
    const fixed = log.reads.length + log.lists.length - 50 * 4;
    expect(fixed).toBeLessThan(40);
    expect(log.lists.filter((p) => /\/luns\/\d+$/.test(p))).toEqual([]);
    expect(log.reads.filter((p) => /\/luns\/\d+\//.test(p))).toEqual([]);
  });

  it('reads a LUN’s read_only when a swap must be undone as it was', async () => {
    const text = 'HANDLER vdisk_nullio {\n\tDEVICE a {\n\t}\n\tDEVICE b {\n\t}\n}\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2031-04.test.reads:t {\n\t\tLUN 0 a\n\t}\n}\n';
    const host = exampleHost();
    await writeAll(host, (await planFile(host, text.replace('LUN 0 a', 'LUN 5 b'))).ops);
    await host.write('targets/iscsi/iqn.2031-04.test.reads:t/luns/mgmt', 'add a 0 read_only=1');
    const plan = await planFile(host, text.replace('LUN 0 a', 'LUN 0 b\n\t\tLUN 5 b'));
    const swap = plan.ops.find((op) => op.kind === 'replace_lun');
    expect(swap?.inverse.map((o) => o.data)).toEqual(['replace a 0 read_only=1;']);
  });
});
