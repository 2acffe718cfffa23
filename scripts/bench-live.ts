/**
 * How the live reader scales: builds an emulated host with D devices and T iSCSI targets (each
 * with LUNs, a group and an initiator), then reads it with readLive and prints the sysfs calls
 * per object and the time. A measurement, not a test.
 *
 *   node dist/scripts/bench-live.js [DEVICES] [TARGETS]
 */
import { Emulator } from '../src/emulator/index.js';
import { readLive } from '../src/live/index.js';
import { mgmtCommand } from '../src/sysfs/mgmt-command.js';
import { writeMgmt } from '../src/sysfs/mgmt-write.js';

async function build(devices: number, targets: number): Promise<Emulator> {
  const emulator = new Emulator({ useRealFileSystem: false });
  for (let d = 0; d < devices; d++) {
    await writeMgmt(emulator, 'handlers/vdisk_nullio/mgmt', mgmtCommand('add_device', [`n${d}`]));
  }
  for (let t = 0; t < targets; t++) {
    const name = `iqn.2024-01.com.example:t${t}`;
    await writeMgmt(emulator, 'targets/iscsi/mgmt', mgmtCommand('add_target', [name]));
    await writeMgmt(emulator, `targets/iscsi/${name}/luns/mgmt`, mgmtCommand('add', [`n${t % devices}`, '0']));
    await writeMgmt(emulator, `targets/iscsi/${name}/ini_groups/mgmt`, mgmtCommand('create', ['g1']));
    await writeMgmt(emulator, `targets/iscsi/${name}/ini_groups/g1/luns/mgmt`, mgmtCommand('add', [`n${(t + 1) % devices}`, '1']));
    await writeMgmt(emulator, `targets/iscsi/${name}/ini_groups/g1/initiators/mgmt`, mgmtCommand('add', [`iqn.1993-08.org.debian:01:c${t}`]));
  }
  return emulator;
}

async function main(): Promise<void> {
  const devices = Number(process.argv[2] ?? 200);
  const targets = Number(process.argv[3] ?? 50);
  const emulator = await build(devices, targets);
  emulator.resetStats();
  const start = process.hrtime.bigint();
  await readLive(emulator);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const { reads, lists } = emulator.stats;
  console.log(`${devices} devices, ${targets} targets: ${reads} reads, ${lists} lists in ${ms.toFixed(0)} ms`);
  console.log(`per device + per target: ${(reads / (devices + targets)).toFixed(1)} reads, ${(lists / (devices + targets)).toFixed(1)} lists`);
}

await main();
