/**
 * How doctor scales on an emulated host: for each size, builds a host of T iSCSI targets, each
 * with its own vdisk_fileio device (a declared backing file) as LUN 0, writes the matching
 * scst.conf, and times one `doctor` run (facts, drift, backing stores, checks) through the same
 * code path as the command, printing the time per target too (flat when doctor is linear).
 * A measurement, not a test.
 *
 *   npm run bench:doctor [-- 75 150 300 1000]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulation } from '../src/emulator/simulation.js';
import { mgmtCommand } from '../src/sysfs/mgmt-command.js';
import { writeMgmt } from '../src/sysfs/mgmt-write.js';
import { openHost } from '../src/system/host.js';
import { runDoctor } from '../src/system/doctor/index.js';
import { productSources } from '../src/system/doctor/sources.js';

async function buildHost(dir: string, targets: number): Promise<{ state: string; conf: string }> {
  const state = join(dir, `host-${targets}.json`);
  const sim = await createSimulation(state, { useRealFileSystem: false }, true);
  const lines = ['HANDLER vdisk_fileio {'];
  for (let t = 0; t < targets; t++) {
    sim.emulator.addHostFile(`/srv/d${t}.img`, { kind: 'file', size: 1 << 20 });
    await writeMgmt(sim.sysfs, 'handlers/vdisk_fileio/mgmt', mgmtCommand('add_device', [`d${t}`], [{ name: 'filename', value: `/srv/d${t}.img` }]));
    lines.push(`\tDEVICE d${t} {`, `\t\tfilename /srv/d${t}.img`, '\t}');
  }
  lines.push('}', '', 'TARGET_DRIVER iscsi {', '\tenabled 1');
  for (let t = 0; t < targets; t++) {
    const name = `iqn.2024-01.com.example:t${t}`;
    await writeMgmt(sim.sysfs, 'targets/iscsi/mgmt', mgmtCommand('add_target', [name]));
    await writeMgmt(sim.sysfs, `targets/iscsi/${name}/luns/mgmt`, mgmtCommand('add', [`d${t}`, '0']));
    lines.push(`\tTARGET ${name} {`, `\t\tLUN 0 d${t}`, '\t}');
  }
  lines.push('}', '');
  await sim.save();
  const conf = join(dir, `scst-${targets}.conf`);
  writeFileSync(conf, lines.join('\n'), { mode: 0o600 });
  return { state, conf };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const dir = mkdtempSync(join(tmpdir(), 'bench-doctor-'));
  try {
    for (const targets of sizes.length > 0 ? sizes : [75, 150, 300, 1000]) {
      const { state, conf } = await buildHost(dir, targets);
      const host = await openHost({ simulate: state, env: { ...process.env, SCST_DEFAULTS_FILE: join(dir, 'default') } });
      const start = process.hrtime.bigint();
      const report = await runDoctor(host, conf, productSources);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      console.log(`${targets} targets: doctor ${ms.toFixed(0)} ms (${(ms / targets).toFixed(2)} ms per target), ${report.healthy ? 'healthy' : 'problems found'}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
