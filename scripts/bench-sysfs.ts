/**
 * The real node:fs adapter on a sysfs-shaped tree, as a predictor of the real kernel
 * (npm run bench:sysfs [-- RUNS [--io-only]]). An emulated host is given scenario (a) of bench:apply (100
 * TrueNAS-shaped targets), then written out as plain files (copySysfsTree), and measured:
 *
 * 1. The I/O path: the exact calls of a first apply (its 1 101 writes) and of an unchanged
 *    re-apply (its reads and listings), recorded on the emulator, replayed on the tree through
 *    NodeSysfs and through a raw-syscall floor (bare openSync/readSync/writeSync/closeSync and
 *    readdirSync, no abstraction at all). The ratio adapter / floor is the cost of our layer.
 * 2. System calls per command (strace -c, Debian package `strace`): the CLI's apply (unchanged),
 *    plan, diff, write-config and show over the tree with --sysfs-root. Without strace this
 *    part is skipped and says so.
 * 3. Start-up per command: the median wall time of `node bin/run.js COMMAND --bench-probe` (the
 *    command module is loaded and its flags parsed, then it stops on the unknown flag), against
 *    bare `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConf } from '../src/conf/parse.js';
import { Emulator } from '../src/emulator/emulator.js';
import { applyConfig } from '../src/plan/index.js';
import { copySysfsTree } from '../src/sysfs/copy-tree.js';
import { NodeSysfs } from '../src/sysfs/node-sysfs.js';
import type { DirEntry, ListOptions, Sysfs } from '../src/sysfs/types.js';
import { scenarioA } from './bench-scenarios.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(packageRoot, 'bin', 'run.js');

type Call = { op: 'read'; path: string } | { op: 'write'; path: string; data: string } | { op: 'list'; path: string; modes: boolean } | { op: 'readlink'; path: string };

/** Passes calls through and keeps them, to be replayed on the tree. */
class Recorder implements Sysfs {
  calls: Call[] = [];
  constructor(private readonly inner: Sysfs) {}
  get description() { return this.inner.description; }
  read(path: string) { this.calls.push({ op: 'read', path }); return this.inner.read(path); }
  write(path: string, data: string) { this.calls.push({ op: 'write', path, data }); return this.inner.write(path, data); }
  list(path: string, options?: ListOptions): Promise<DirEntry[]> { this.calls.push({ op: 'list', path, modes: options?.modes !== false }); return this.inner.list(path, options); }
  readlink(path: string) { this.calls.push({ op: 'readlink', path }); return this.inner.readlink(path); }
  exists(path: string) { return this.inner.exists(path); }
}

async function replayAdapter(sysfs: NodeSysfs, calls: Call[]): Promise<void> {
  for (const c of calls) {
    try {
      if (c.op === 'read') await sysfs.read(c.path);
      else if (c.op === 'write') await sysfs.write(c.path, c.data);
      else if (c.op === 'list') await sysfs.list(c.path, { modes: c.modes });
      else await sysfs.readlink(c.path);
    } catch {
      // A file the emulator refuses to read (write-only) fails the same way in both replays.
    }
  }
}

/** The floor: the same system calls with nothing around them. */
function replayRaw(root: string, calls: Call[]): void {
  const buffer = Buffer.allocUnsafe(65536);
  for (const c of calls) {
    const path = c.path === '' ? root : `${root}/${c.path}`;
    try {
      if (c.op === 'read') {
        const fd = openSync(path, constants.O_RDONLY);
        readSync(fd, buffer, 0, buffer.length, null);
        closeSync(fd);
      } else if (c.op === 'write') {
        const fd = openSync(path, constants.O_WRONLY);
        writeSync(fd, c.data);
        closeSync(fd);
      } else if (c.op === 'list') {
        for (const d of readdirSync(path, { withFileTypes: true })) if (d.isSymbolicLink()) readlinkSync(`${path}/${d.name}`);
      } else {
        readlinkSync(path);
      }
    } catch {
      // as above
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeMs(run: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function hasStrace(): boolean {
  return spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** `strace -f -c` of one CLI run: total system calls and the ones the sysfs path makes. */
function syscalls(args: string[], env: NodeJS.ProcessEnv, out: string): { total: number; calls: Record<string, number>; exit: number | null } {
  const run = spawnSync('strace', ['-f', '-c', '-o', out, process.execPath, BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const calls: Record<string, number> = {};
  let total = 0;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const fields = line.trim().split(/\s+/);
    const name = fields.at(-1);
    if (fields.length < 5 || name === undefined || !/^\d+$/.test(fields[3] ?? '')) continue;
    if (name === 'total') total = Number(fields[3]);
    else calls[name] = Number(fields[3]);
  }
  return { total, calls, exit: run.status };
}

function commandIds(): string[] {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, unknown> };
  return Object.keys(manifest.commands).sort();
}

function wallMs(args: string[]): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const runs = Math.max(1, Number(process.argv[2] ?? 5) || 5);
  // --io-only: only the adapter against the floor.
  const scratch = mkdtempSync(join(tmpdir(), 'bench-sysfs-'));
  try {
    const scenario = scenarioA();
    const desired = parseConf(scenario.text, 'bench.conf').config;
    const conf = join(scratch, 'scst.conf');
    writeFileSync(conf, scenario.text);
    const hostFiles = Object.fromEntries(scenario.files.map((f) => [f, { kind: 'file' as const, size: 1 << 24 }]));
    const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false, hostFiles });
    const options = { lockFile: join(scratch, 'lock'), stateDir: join(scratch, 'state'), suspend: false as const };
    const first = new Recorder(host);
    await applyConfig(first, desired, options);
    const again = new Recorder(host);
    await applyConfig(again, desired, options);
    const tree = join(scratch, 'scst_tgt');
    const copied = await copySysfsTree(host, tree);
    console.log(`tree: ${copied.dirs} directories, ${copied.files} files, ${copied.links} links (scenario ${scenario.name})`);

    // 1. The I/O path, adapter against the floor (writes go to plain files: harmless).
    const writes = first.calls.filter((c) => c.op === 'write');
    const reads = again.calls;
    const adapter = new NodeSysfs(tree);
    for (const [label, calls] of [['first-apply writes', writes], ['re-apply reads+lists', reads]] as const) {
      const ours: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < runs; i++) {
        ours.push(await timeMs(() => replayAdapter(adapter, calls)));
        raw.push(await timeMs(() => replayRaw(tree, calls)));
      }
      const [a, r] = [median(ours), median(raw)];
      console.log(`${label.padEnd(22)} ${String(calls.length).padStart(5)} calls  adapter ${a.toFixed(1)} ms  floor ${r.toFixed(1)} ms  ratio ${(a / r).toFixed(2)}x`);
    }

    if (process.argv.includes('--io-only')) return;
    // 2. System calls per command.
    const env = { ...process.env, NO_COLOR: '1', SCST_CONF: '', SCSTADMIN_TS_LOCK: join(scratch, 'cli.lock'), SCSTADMIN_TS_STATE_DIR: join(scratch, 'cli-state') };
    if (!hasStrace()) {
      console.log('strace is not installed (Debian: apt-get install strace): system calls per command skipped');
    } else {
      const root = ['--sysfs-root', tree];
      const commands: Array<[string, string[]]> = [
        ['apply (unchanged)', ['apply', conf, ...root]],
        ['plan', ['plan', conf, ...root]],
        ['diff', ['diff', conf, ...root]],
        ['write-config', ['write-config', join(scratch, 'written.conf'), ...root]],
        ['show', ['show', ...root]],
      ];
      const shown = ['openat', 'read', 'write', 'close', 'getdents64', 'statx', 'newfstatat', 'readlink'];
      for (const [label, args] of commands) {
        const { total, calls, exit } = syscalls(args, env, join(scratch, 'strace.txt'));
        const detail = shown.filter((s) => calls[s]).map((s) => `${s} ${calls[s]}`).join(', ');
        console.log(`${label.padEnd(18)} exit ${exit}  syscalls ${total}  (${detail})`);
      }
    }

    // 3. Start-up per command.
    const bare = ['-e', '0'];
    wallMs(bare);
    const bareTimes: number[] = [];
    const rows: Array<[string, number]> = [];
    for (const id of commandIds()) {
      const args = [BIN, ...id.split(':'), '--bench-probe'];
      wallMs(args);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        bareTimes.push(wallMs(bare));
        times.push(wallMs(args));
      }
      rows.push([id.replaceAll(':', ' '), median(times)]);
    }
    const bareMedian = median(bareTimes);
    console.log(`start-up: node -e 0 median ${bareMedian.toFixed(0)} ms`);
    for (const [id, ms] of rows) console.log(`  ${id.padEnd(22)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / bareMedian).toFixed(2)}x`);
    const worst = rows.reduce((a, b) => (b[1] > a[1] ? b : a));
    console.log(`worst: ${worst[0]} ${(worst[1] / bareMedian).toFixed(2)}x bare node`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
