/**
 * The demo: a small emulated SCST host, configured through the same write path the product
 * uses (validated mgmt commands, the asynchronous result protocol), saved to a temporary
 * state file, then shown by the CLI itself with `show --simulate=FILE`.
 *
 *   npm run demo            (after npm run build)
 *   node dist/scripts/demo.js [STATE.json]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSimulation } from '../src/emulator/simulation.js';
import { mgmtCommand, splitLexemes, type Param } from '../src/sysfs/mgmt-command.js';
import { writeAttribute, writeMgmt } from '../src/sysfs/mgmt-write.js';
import { sysfsPath } from '../src/sysfs/names.js';
import type { Sysfs } from '../src/sysfs/types.js';

const TARGET = 'iqn.2024-01.com.example:storage';
const INITIATOR = 'iqn.1993-08.org.debian:01:client1';
const CHAP = { user: 'client1', secret: 's3cret-passw0rd' };
const GiB = 1024 ** 3;

const DEVICES: Array<{ handler: string; name: string; params: Param[]; file?: { path: string; kind: 'file' | 'block'; size: number } }> = [
  { handler: 'vdisk_fileio', name: 'disk1', params: [{ name: 'filename', value: '/srv/scst/disk1.img' }, { name: 'nv_cache', value: '1' }], file: { path: '/srv/scst/disk1.img', kind: 'file', size: 20 * GiB } },
  { handler: 'vdisk_blockio', name: 'fast1', params: [{ name: 'filename', value: '/dev/nvme0n1p3' }], file: { path: '/dev/nvme0n1p3', kind: 'block', size: 200 * GiB } },
  { handler: 'vdisk_nullio', name: 'null1', params: [{ name: 'size_mb', value: '1024' }] },
];

async function configure(sysfs: Sysfs): Promise<void> {
  for (const device of DEVICES) {
    await writeMgmt(sysfs, `handlers/${device.handler}/mgmt`, mgmtCommand('add_device', [{ value: device.name, what: 'device name', maxBytes: 64 }], device.params));
  }
  const target = sysfsPath('targets', 'iscsi', TARGET);
  await writeMgmt(sysfs, 'targets/iscsi/mgmt', mgmtCommand('add_target', [TARGET]));
  await writeMgmt(sysfs, 'targets/iscsi/mgmt', mgmtCommand('add_target_attribute', [TARGET, 'IncomingUser', ...splitLexemes(`${CHAP.user} ${CHAP.secret}`, 2, 'CHAP user')]));
  await writeMgmt(sysfs, `${target}/luns/mgmt`, mgmtCommand('add', ['disk1', '0']));
  await writeMgmt(sysfs, `${target}/luns/mgmt`, mgmtCommand('add', ['fast1', '1']));
  await writeMgmt(sysfs, `${target}/ini_groups/mgmt`, mgmtCommand('create', ['backup']));
  await writeMgmt(sysfs, `${target}/ini_groups/backup/luns/mgmt`, mgmtCommand('add', ['null1', '0'], [{ name: 'read_only', value: '1' }]));
  await writeMgmt(sysfs, `${target}/ini_groups/backup/initiators/mgmt`, mgmtCommand('add', ['iqn.2005-03.org.backup:*']));
  await writeAttribute(sysfs, `${target}/comment`, 'demo target');
  await writeAttribute(sysfs, `${target}/enabled`, '1');
  await writeAttribute(sysfs, 'targets/iscsi/enabled', '1');
  await writeMgmt(sysfs, 'targets/scst_local/mgmt', mgmtCommand('add_target', ['local1'], [{ name: 'session_name', value: 'local_host1' }]));
  await writeMgmt(sysfs, 'targets/scst_local/local1/luns/mgmt', mgmtCommand('add', ['null1', '0']));
}

async function main(): Promise<void> {
  const state = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'scstadmin-demo-')), 'host.json');
  const simulation = await openSimulation(state);
  for (const device of DEVICES) if (device.file) simulation.emulator.addHostFile(device.file.path, { kind: device.file.kind, size: device.file.size });
  await configure(simulation.sysfs);
  simulation.emulator.login(TARGET, INITIATOR, { address: '192.0.2.21', chap: CHAP });
  await simulation.save();

  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'run.js');
  console.log(`Emulated host with 3 devices, an iSCSI target with 2 LUNs, an initiator group and a logged-in session.\n`);
  console.log(`$ scstadmin-ts show --simulate=${state}`);
  const show = spawnSync(process.execPath, [bin, 'show', `--simulate=${state}`], { stdio: 'inherit' });
  console.log(`\nTry: node bin/run.js show targets/iscsi/${TARGET} --simulate=${state}`);
  process.exitCode = show.status ?? 1;
}

await main();
