/**
 * Benchmark of the Perl-compatible front end (npm run bench:compat [-- --json] [--processes N]).
 *
 * A provisioning sequence of 200 single-object operations, as a provisioning script would call
 * Perl scstadmin (50 rounds of -open_dev, -add_lun, -set_dev_attr, -add_init), runs on an
 * emulated host that already holds 1 000 devices exported as 1 000 LUNs, and on an empty host:
 * - in-process, counting the sysfs calls of every operation: the counts must be the same on both
 *   hosts (a single-object operation does not rescan the host); the script fails otherwise;
 *   after the sequence, each other single-object operation once (attribute settings of the core,
 *   a handler, a group, a LUN, a device group and an initiator, a LIP), counted the same way;
 * - as real `scstadmin-compat` processes on the big host (state file), timing each one.
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCompat } from '../src/compat/run.js';
import type { CompatHost } from '../src/compat/host.js';
import { parseConf } from '../src/conf/parse.js';
import { createSimulation } from '../src/emulator/simulation.js';
import { applyConfig, CountingSysfs, type SysfsCounts } from '../src/plan/index.js';

const TARGET = 'iqn.2031-04.test.bench:big';
const ROUNDS = 50;
const BIG = 1000;
const json = process.argv.includes('--json');
const processesArg = process.argv.indexOf('--processes');
const processes = processesArg > 0 ? Number(process.argv[processesArg + 1]) : ROUNDS * 4;
const pad = (n: number) => String(n).padStart(5, '0');

function hostConf(n: number): string {
  const devices = Array.from({ length: n }, (_, i) => `\tDEVICE d${pad(i)} {\n\t\tsize_mb 16\n\t}`);
  const luns = Array.from({ length: n }, (_, i) => `\t\tLUN ${i} d${pad(i)}`);
  return `HANDLER vdisk_nullio {\n${devices.join('\n')}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n\tTARGET ${TARGET} {\n\t\tenabled 1\n${luns.join('\n')}\n\t\tGROUP hosts {\n\t\t}\n\t}\n}\n`;
}

/** The 200 command lines: per round a device, its LUN, an attribute, an initiator. */
function sequence(): string[][] {
  const lines: string[][] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const dev = `p${pad(i)}`;
    lines.push(['-open_dev', dev, '-handler', 'vdisk_nullio', '-attributes', 'size_mb=8']);
    lines.push(['-add_lun', String(5000 + i), '-driver', 'iscsi', '-target', TARGET, '-device', dev]);
    lines.push(['-set_dev_attr', dev, '-attributes', `t10_dev_id=bench${i}`, '-noprompt']);
    lines.push(['-add_init', `iqn.2031-01.test.client:c${pad(i)}`, '-driver', 'iscsi', '-target', TARGET, '-group', 'hosts']);
  }
  return lines;
}

/** The other single-object operations, once each after the sequence, with the exit code scstadmin gives. */
function others(): Array<[argv: string[], code: number]> {
  const group = ['-driver', 'iscsi', '-target', TARGET];
  return [
    [['-set_scst_attr', '-attributes', 'setup_id=0x2a', '-noprompt'], 0],
    [['-set_hnd_attr', 'vdisk_nullio', '-attributes', 'trace_level=add scsi', '-noprompt'], 0],
    [['-set_grp_attr', 'hosts', ...group, '-attributes', 'addr_method=FLAT', '-noprompt'], 0],
    [['-set_lun_attr', '5000', ...group, '-attributes', 'read_only=1', '-noprompt'], 0],
    [['-add_dgrp', 'bench_dg'], 0],
    [['-set_dgrp_attr', 'bench_dg', '-attributes', 'x=1', '-noprompt'], 0],
    [['-set_init_attr', 'iqn.2031-01.test.client:c00000', ...group, '-group', 'hosts', '-attributes', 'x=1', '-noprompt'], 1],
    [['-issue_lip', TARGET, '-driver', 'iscsi'], 0],
  ];
}

async function buildHost(dir: string, devices: number): Promise<{ state: string; simulation: Awaited<ReturnType<typeof createSimulation>> }> {
  const state = join(dir, `host-${devices}.json`);
  const simulation = await createSimulation(state, { useRealFileSystem: false }, true);
  const { config } = parseConf(hostConf(devices), 'bench.conf');
  await applyConfig(simulation.sysfs, config, { lockFile: join(dir, `lock-${devices}`), stateDir: join(dir, `journal-${devices}`), suspend: false });
  await simulation.save();
  return { state, simulation };
}

const quiet = { stdout: () => {}, stderr: () => {}, readLine: async () => undefined };

async function countOps(dir: string, devices: number): Promise<{ counts: SysfsCounts[]; ms: number }> {
  const { simulation } = await buildHost(dir, devices);
  const paths = { lockFile: join(dir, `lock-${devices}`), stateDir: join(dir, `journal-${devices}`) };
  const counts: SysfsCounts[] = [];
  const started = performance.now();
  for (const [argv, expected] of [...sequence().map((a) => [a, 0] as [string[], number]), ...others()]) {
    const counting = new CountingSysfs(simulation.sysfs);
    const host: CompatHost = { opened: { sysfs: counting, close: async () => {} }, root: '/sys/kernel/scst_tgt', paths, emulated: true };
    const code = await runCompat({ argv, env: {}, io: quiet, euid: () => 0, host });
    if (code !== expected) throw new Error(`${argv.join(' ')} exited ${code} on the host of ${devices} devices`);
    counts.push({ ...counting.counts });
  }
  return { counts, ms: performance.now() - started };
}

const total = (c: SysfsCounts) => c.reads + c.lists + c.readlinks + c.writes + c.exists;

const dir = mkdtempSync(join(tmpdir(), 'bench-compat-'));
try {
  const small = await countOps(dir, 0);
  const big = await countOps(dir, BIG);
  const ops = sequence();
  const perOp = [...ops, ...others().map(([argv]) => argv)].map((argv, i) => ({ op: argv[0]!, empty: total(small.counts[i]!), big: total(big.counts[i]!), writes: big.counts[i]!.writes }));
  const grown = perOp.filter((row) => row.big !== row.empty);

  const { state } = await buildHost(dir, BIG);
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'scstadmin-compat.js');
  const env = { SCST_SIMULATE_STATE: state, SCSTADMIN_TS_LOCK: join(dir, 'lock-proc'), SCSTADMIN_TS_STATE_DIR: join(dir, 'journal-proc') };
  const times: number[] = [];
  for (const argv of ops.slice(0, processes)) {
    const t0 = performance.now();
    const result = await execa('node', [bin, ...argv], { env, reject: false, stdin: 'ignore' });
    times.push(performance.now() - t0);
    if (result.exitCode !== 0) throw new Error(`scstadmin-compat ${argv.join(' ')} exited ${result.exitCode}:\n${result.stdout}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;

  const byOp = [...new Set(perOp.map((r) => r.op))].map((op) => {
    const rows = perOp.filter((r) => r.op === op);
    return { op, callsEmptyHost: rows[0]!.empty, callsBigHost: rows[0]!.big, writes: rows[0]!.writes, same: rows.every((r) => r.big === r.empty) };
  });
  const report = {
    operations: ops.length,
    host: { devices: BIG, luns: BIG },
    perOperation: byOp,
    inProcessMs: { emptyHost: Math.round(small.ms), bigHost: Math.round(big.ms), perOpBigHost: Number((big.ms / ops.length).toFixed(1)) },
    processes: { runs: times.length, totalMs: Math.round(times.reduce((a, b) => a + b, 0)), medianMs: Math.round(median) },
    grownWithHost: grown.length,
  };
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`${ops.length} single-object operations through scstadmin-compat; host with ${BIG} devices and ${BIG} LUNs vs an empty host`);
    console.log('operation        sysfs calls (empty host)  (1 000 devices + LUNs)  writes');
    for (const row of byOp) console.log(`${row.op.padEnd(16)} ${String(row.callsEmptyHost).padStart(24)}  ${String(row.callsBigHost).padStart(22)}  ${String(row.writes).padStart(6)}`);
    console.log(`in-process: ${report.inProcessMs.bigHost} ms for ${ops.length} operations on the big host (${report.inProcessMs.perOpBigHost} ms each), ${report.inProcessMs.emptyHost} ms on the empty one`);
    console.log(`as processes: ${times.length} runs, ${report.processes.totalMs} ms in all, median ${report.processes.medianMs} ms each`);
  }
  if (grown.length > 0) {
    console.error(`FAIL: ${grown.length} operations made more sysfs calls on the big host, e.g. ${JSON.stringify(grown[0])}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
