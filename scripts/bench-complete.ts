/**
 * How long one TAB takes on a big host: builds a sysfs-like directory of D devices and T iSCSI
 * targets (what the real adapter lists on a real host) and an emulated host of the same size
 * (--simulate), then runs the completion entry point N times for device and target names and
 * prints the medians of wall and CPU time next to bare `node -e 0`. A measurement, not a test:
 * on a busy machine read the CPU column.
 *
 *   node dist/scripts/bench-complete.js [DEVICES] [N]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '../src/emulator/index.js';
import { PACKAGE_ROOT } from '../src/meta/manifest.js';
import { mgmtCommand } from '../src/sysfs/mgmt-command.js';
import { writeMgmt } from '../src/sysfs/mgmt-write.js';

const TARGET = 'iqn.2024-01.com.example:t0';
const entry = join(PACKAGE_ROOT, 'bin', 'complete.js');
// Commands with device and target arguments (add-lun TARGET DEVICE…), whatever today's set is.
const manifest = join(PACKAGE_ROOT, 'test', 'fixtures', 'completion', 'manifest.json');

function sysfsTree(root: string, devices: number): void {
  mkdirSync(join(root, 'targets', 'iscsi', TARGET, 'luns'), { recursive: true });
  writeFileSync(join(root, 'targets', 'iscsi', 'mgmt'), '');
  mkdirSync(join(root, 'devices'));
  writeFileSync(join(root, 'devices', 'mgmt'), '');
  for (let d = 0; d < devices; d++) mkdirSync(join(root, 'devices', `disk${d}`));
}

async function emulatedHost(file: string, devices: number): Promise<void> {
  const emulator = new Emulator({ useRealFileSystem: false });
  for (let d = 0; d < devices; d++) await writeMgmt(emulator, 'handlers/vdisk_nullio/mgmt', mgmtCommand('add_device', [`disk${d}`]));
  await writeMgmt(emulator, 'targets/iscsi/mgmt', mgmtCommand('add_target', [TARGET]));
  writeFileSync(file, JSON.stringify(emulator.toState()));
}

/**
 * CPU time (user + system, ms) of this process's finished children, from /proc/self/stat
 * (cutime, cstime in clock ticks of 10 ms): on a busy machine wall time mostly measures the
 * other processes, CPU time much less so.
 */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function timeOnce(args: string[]): { ms: number; cpu: number; lines: number } {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, SCSTADMIN_TS_MANIFEST: manifest }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return { ms, cpu: childrenCpuMs() - cpuBefore, lines: result.stdout.split('\n').filter(Boolean).length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The median wall and CPU time of `runs` runs after one warm-up, and how many candidates it printed. */
function measure(args: string[], runs: number): { ms: number; cpu: number; lines: number } {
  timeOnce(args);
  const times: number[] = [];
  const cpus: number[] = [];
  let lines = 0;
  for (let i = 0; i < runs; i++) {
    const once = timeOnce(args);
    times.push(once.ms);
    cpus.push(once.cpu);
    lines = once.lines;
  }
  return { ms: median(times), cpu: median(cpus), lines };
}

async function main(): Promise<void> {
  const devices = Number(process.argv[2] ?? 10_000);
  const runs = Number(process.argv[3] ?? 11);
  const scratch = mkdtempSync(join(tmpdir(), 'bench-complete-'));
  try {
    const root = join(scratch, 'sysfs');
    const state = join(scratch, 'host.json');
    sysfsTree(root, devices);
    await emulatedHost(state, devices);
    const line = (flags: string, typed: string) => [entry, 'bash', '--line', `scstadmin-ts add-lun ${flags} ${typed}`];
    const cases: Array<[string, string[]]> = [
      ['sysfs tree: add-lun TARGET <TAB> (devices)', line(`--sysfs-root ${root}`, `${TARGET} `)],
      ['sysfs tree: add-lun TARGET disk99<TAB>', line(`--sysfs-root ${root}`, `${TARGET} disk99`)],
      ['sysfs tree: add-lun <TAB> (targets)', line(`--sysfs-root ${root}`, '')],
      ['command names: <TAB>', [entry, 'bash', '--line', 'scstadmin-ts ']],
      ['--simulate: add-lun TARGET <TAB> (devices)', line(`--simulate=${state}`, `${TARGET} `)],
    ];
    const floor = measure(['-e', '0'], runs);
    console.log(`${devices} devices, medians of ${runs} runs: wall time, CPU time (user + system)`);
    const row = (label: string, r: { ms: number; cpu: number }, extra = '') =>
      console.log(`${label.padEnd(44)} ${r.ms.toFixed(0).padStart(5)} ms wall ${r.cpu.toFixed(0).padStart(5)} ms CPU${extra}`);
    row('node -e 0 (the start-up floor)', floor);
    for (const [label, args] of cases) {
      const r = measure(args, runs);
      row(label, r, `  (${(r.ms - floor.ms).toFixed(0)} ms wall over node; ${r.lines} candidates)`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
