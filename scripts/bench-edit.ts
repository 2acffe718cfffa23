/**
 * Benchmark of the single-object commands on the emulated host (npm run bench:edit [-- --json]).
 * For hosts of 10, 1 000 and 10 000 objects — that many nullio devices, exported as that many
 * LUNs of one target, whose initiator group holds that many initiators — it runs each command
 * once and counts the sysfs calls it made (reads, listings, readlinks, writes). A single-object
 * command must cost the same calls whatever the host's size; the script fails when it does not.
 * Then it times saving one change (add-lun, rm-lun) to a config file of that host — 10, 1 000 and
 * 10 000 LUNs, devices and initiators — wall clock and CPU time of the save alone (read, parse,
 * update, atomic write; the machine may be shared, so CPU time says more than the clock), both
 * the first save of a fresh process (nothing compiled yet: what one command costs) and the best
 * of five. The bar: under 200 ms at 10 000 LUNs.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConf } from '../src/conf/parse.js';
import { Emulator } from '../src/emulator/emulator.js';
import { addDevice, addInitiator, addLun, mergeConfig, readScope, rmLun, runEdit, saveChange, type Change } from '../src/edit/index.js';
import { statHostPath } from '../src/conf/check.js';
import { backingFileStat } from '../src/conf/workflows.js';
import { applyConfig } from '../src/plan/index.js';

const SIZES = [10, 1000, 10000];
const TARGET = 'iqn.2031-04.test.bench:big';
const pad = (n: number) => String(n).padStart(5, '0');

function hostConf(n: number): string {
  const devices: string[] = [];
  const luns: string[] = [];
  const initiators: string[] = [];
  for (let i = 0; i < n; i++) {
    devices.push(`\tDEVICE d${pad(i)} {\n\t\tsize_mb 16\n\t}`);
    luns.push(`\t\tLUN ${i} d${pad(i)}`);
    initiators.push(`\t\t\tINITIATOR iqn.2031-01.test.client:h${pad(i)}`);
  }
  return `HANDLER vdisk_nullio {\n${devices.join('\n')}\n\tDEVICE spare {\n\t\tsize_mb 16\n\t}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n\tTARGET ${TARGET} {\n\t\tenabled 1\n${luns.join('\n')}\n\t\tGROUP hosts {\n${initiators.join('\n')}\n\t\t}\n\t}\n}\n`;
}

interface Row {
  command: string;
  objects: number;
  reads: number;
  lists: number;
  readlinks: number;
  writes: number;
  ms: number;
}

const commands: Array<[string, () => Change]> = [
  ['add-device', () => addDevice({ name: 'fresh', handler: 'vdisk_nullio', attributes: { size_mb: '16' } })],
  ['add-lun', () => addLun({ driver: 'iscsi', target: TARGET, device: 'spare' })],
  ['rm-lun', () => rmLun({ driver: 'iscsi', target: TARGET, lun: 0 })],
  ['add-initiator', () => addInitiator({ driver: 'iscsi', target: TARGET, group: 'hosts', initiator: 'iqn.2031-01.test.client:fresh' })],
];

async function measure(n: number, dir: string): Promise<Row[]> {
  const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false });
  const options = { lockFile: join(dir, 'lock'), stateDir: join(dir, 'state'), suspend: false as const };
  await applyConfig(host, parseConf(hostConf(n), 'bench.conf').config, options);
  const rows: Row[] = [];
  for (const [command, make] of commands) {
    const result = await runEdit(host, make(), options);
    if (result.outcome !== 'done') throw new Error(`${command} on ${n} objects: ${result.outcome}`);
    const { reads, lists, readlinks, writes } = result.sysfs;
    rows.push({ command, objects: n, reads, lists, readlinks, writes, ms: result.ms });
  }
  return rows;
}

interface SaveTime {
  luns: number;
  /** The first save in a fresh process, and the best of five after it: wall and CPU milliseconds. */
  first: { ms: number; cpuMs: number };
  best: { ms: number; cpuMs: number };
}

/** One save, as the engine makes it after the change is run: the change decided, then saveChange alone timed. */
async function timedSave(host: Emulator, change: Change, file: string): Promise<{ ms: number; cpuMs: number }> {
  const live = await readScope(host, change.scope);
  const read = async (scope: Change['scope']) => mergeConfig(live, await readScope(host, scope));
  const prepared = await change.prepare(live, { sysfs: host, read, force: false, statPath: backingFileStat(host) ?? statHostPath });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await saveChange(host, file, live, prepared, change.scope);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (result.status !== 'updated') throw new Error(`save at ${file}: ${result.status} ${result.reason ?? ''}`);
  return { ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000) };
}

/** Saving LUN changes to the file of a host of `n` LUNs: the first save of this process, then the best of five. */
async function saveTimes(n: number, dir: string): Promise<SaveTime> {
  const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false });
  const options = { lockFile: join(dir, 'lock-save'), stateDir: join(dir, 'state-save'), suspend: false as const };
  const text = hostConf(n);
  await applyConfig(host, parseConf(text, 'bench.conf').config, options);
  const file = join(dir, `scst-${n}.conf`);
  writeFileSync(file, text);
  const runs: Array<{ ms: number; cpuMs: number }> = [];
  for (let i = 0; i < 6; i++) {
    // The change is made on the host too, so that the next one (its undo) is a change again.
    const change = i % 2 === 0 ? addLun({ driver: 'iscsi', target: TARGET, device: 'spare' }) : rmLun({ driver: 'iscsi', target: TARGET, lun: n });
    runs.push(await timedSave(host, change, file));
    await runEdit(host, i % 2 === 0 ? addLun({ driver: 'iscsi', target: TARGET, device: 'spare' }) : rmLun({ driver: 'iscsi', target: TARGET, lun: n }), options);
  }
  const rest = runs.slice(1);
  return { luns: n, first: runs[0]!, best: { ms: Math.min(...rest.map((r) => r.ms)), cpuMs: Math.min(...rest.map((r) => r.cpuMs)) } };
}

/** Each size in its own process: the first save there is a command's first save. */
function saveTimesInChildren(): SaveTime[] {
  return SIZES.map((n) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--save-child', String(n)], { encoding: 'utf8' })) as SaveTime);
}

/** Each command's counts must not depend on the host's size. */
function checkFlat(rows: Row[]): string[] {
  const problems: string[] = [];
  for (const [command] of commands) {
    const own = rows.filter((r) => r.command === command);
    const key = (r: Row) => `${r.reads}/${r.lists}/${r.readlinks}/${r.writes}`;
    if (new Set(own.map(key)).size > 1) problems.push(`${command}: ${own.map((r) => `${r.objects}: ${key(r)}`).join(', ')}`);
  }
  return problems;
}

const json = process.argv.includes('--json');
const child = process.argv.indexOf('--save-child');
const dir = mkdtempSync(join(tmpdir(), 'bench-edit-'));
try {
  if (child >= 0) {
    console.log(JSON.stringify(await saveTimes(Number(process.argv[child + 1]), dir)));
  } else {
    const rows: Row[] = [];
    for (const n of SIZES) rows.push(...(await measure(n, dir)));
    const saves = saveTimesInChildren();
    const problems = checkFlat(rows);
    // Judged by CPU time: on a shared machine the clock also counts other people's work.
    const slow = saves.filter((s) => s.luns === 10000 && s.first.cpuMs >= 200);
    if (json) console.log(JSON.stringify({ rows, saves, problems }, null, 2));
    else {
      for (const r of rows) console.log(`${r.command.padEnd(14)} ${String(r.objects).padStart(6)} objects  reads ${String(r.reads).padStart(4)}  lists ${String(r.lists).padStart(3)}  readlinks ${r.readlinks}  writes ${r.writes}  ${String(r.ms).padStart(5)} ms`);
      for (const s of saves) {
        console.log(`save ${String(s.luns).padStart(6)} LUNs  first ${String(s.first.ms).padStart(4)} ms (CPU ${String(s.first.cpuMs).padStart(4)} ms)  best of 5 ${String(s.best.ms).padStart(4)} ms (CPU ${String(s.best.cpuMs).padStart(4)} ms)`);
      }
      console.log('bar: the first save at 10 000 LUNs under 200 ms (checked on CPU time)');
      for (const p of problems) console.log(`NOT FLAT: ${p}`);
    }
    if (problems.length > 0 || slow.length > 0) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
