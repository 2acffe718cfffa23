/**
 * Start-up of every command against bare `node -e 0` (npm run bench:startup [-- RUNS] [--only RE]
 * [--bin FILE] [--json]). Each command of the manifest runs one representative invocation on a
 * small host — the read-only commands over a sysfs-shaped tree (--sysfs-root), the changing ones
 * with --dry-run, the host and emulator commands on an emulated host (--simulate, a fresh copy of
 * the state for every run), the installers into a scratch --root — and bare node runs between
 * them. Printed per command: the median wall time and the median CPU time (user+sys of the
 * process, which the other load on a shared machine disturbs less), their ratios to the medians
 * of the bare runs made between the command's own (a slow spell of the machine then slows both
 * sides of a ratio), the module files (.js/.mjs/.cjs) the process opened before its first sysfs call
 * (`strace -e openat`, Debian package strace; skipped without it), and the start-up itself: the
 * time from Node's start to that first sysfs call, under a preload that watches the file system
 * calls (scripts/startup-probe.ts; bare node measured the same way, to its exit), interleaved
 * with the plain runs. Help, a topic and --version are timed as commands are. A measurement, not
 * a test. --bin times another build's bin/run.js on the same invocations (before/after).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSimulation } from '../src/emulator/simulation.js';
import { copySysfsTree } from '../src/sysfs/copy-tree.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Invocation {
  /** Arguments after the command's words; {tree} {conf} {state} {dir} {n} are filled in. */
  args: string[];
  /** Runs on its own copy of the emulated host, renewed before every run (it changes the host). */
  fresh?: boolean;
  /** The exit code this invocation ends with when all is well. */
  exit?: number;
}

const TARGET = 'iqn.2024-01.com.example:lab';
const INITIATOR = 'iqn.1994-05.com.example:client';
const TREE = ['--sysfs-root', '{tree}'];
const DRY = [...TREE, '--dry-run', '--no-save'];
const SIM = ['--simulate', '{state}'];

/** One invocation per command id: a new command without a row is reported, not skipped. */
const INVOCATIONS: Record<string, Invocation> = {
  'add-chap-user': { args: ['bob', '--target', TARGET, '--secret-file', '{dir}/chap.secret', ...DRY] },
  'add-device': { args: ['disk9', '--handler', 'vdisk_nullio', ...DRY] },
  'add-device-group': { args: ['dg9', ...DRY] },
  'add-group': { args: [TARGET, 'g9', ...DRY] },
  'add-group-member': { args: ['dg1', 'disk1', ...DRY] },
  'add-initiator': { args: [TARGET, 'hosts', 'iqn.1994-05.com.example:other', ...DRY] },
  'add-lun': { args: [TARGET, 'null1', ...DRY] },
  'add-target': { args: ['iqn.2024-01.com.example:new', ...DRY] },
  'add-target-group': { args: ['dg1', 'tg9', '--group-id', '9', ...DRY] },
  'allow-portal': { args: [TARGET, '192.0.2.10', ...DRY] },
  apply: { args: ['{conf}', ...TREE, '--dry-run'] },
  'check-config': { args: ['{conf}', ...TREE] },
  'clear-config': { args: [...TREE, '--force', '--dry-run'] },
  'clear-initiators': { args: [TARGET, 'hosts', ...DRY, '--force'] },
  'clear-luns': { args: [TARGET, ...DRY] },
  'close-session': { args: [TARGET, 'nosuch', ...SIM, '--dry-run'] },
  compat: { args: ['-list_target'] },
  completion: { args: ['bash'] },
  'daemon:start': { args: [...SIM], fresh: true },
  'daemon:status': { args: [...SIM] },
  'daemon:stop': { args: [...SIM], fresh: true },
  'deny-portal': { args: [TARGET, '192.0.2.10', ...DRY] },
  diff: { args: ['{conf}', ...TREE] },
  'disable-driver': { args: ['iscsi', ...DRY] },
  'disable-target': { args: [TARGET, ...DRY] },
  doctor: { args: [...SIM, '--config', '{conf}'] },
  'eject-media': { args: ['cd1', ...DRY] },
  'enable-driver': { args: ['iscsi', ...DRY] },
  'enable-target': { args: [TARGET, ...DRY] },
  fmt: { args: ['{conf}'] },
  'insert-media': { args: ['cd1', '{dir}/media.iso', ...DRY] },
  'install-compat': { args: ['--root', '{dir}/root{n}'] },
  'install-completion': { args: ['--shell', 'bash', '--root', '{dir}/root{n}'] },
  'install-man': { args: ['--root', '{dir}/root{n}'] },
  'install-ocf': { args: ['--root', '{dir}/root{n}'] },
  'install-service': { args: ['--root', '{dir}/root{n}', '--no-enable'] },
  'list-chap-users': { args: [...TREE] },
  'list-devices': { args: [...TREE] },
  'list-sessions': { args: [...SIM] },
  'list-targets': { args: [...TREE] },
  'migrate-iet': { args: ['{dir}/ietd.conf', '--offline', '--output', '{dir}/migrated{n}.conf'] },
  'modules:list': { args: [...SIM] },
  'modules:load': { args: [...SIM], fresh: true },
  'modules:unload': { args: ['iscsi_scst', ...SIM], fresh: true },
  'move-initiator': { args: [TARGET, 'hosts', INITIATOR, '--to', 'g2', ...DRY, '--force'] },
  ocf: { args: ['meta-data'] },
  plan: { args: ['{conf}', ...TREE] },
  reload: { args: [...SIM, '--config', '{conf}'], fresh: true },
  'replace-lun': { args: [TARGET, '0', 'null1', ...DRY] },
  'resync-device': { args: ['disk1', ...DRY] },
  'rm-chap-user': { args: ['alice', '--target', TARGET, ...DRY] },
  'rm-device': { args: ['cd1', ...DRY] },
  'rm-device-group': { args: ['dg2', ...DRY] },
  'rm-group': { args: [TARGET, 'g2', ...DRY] },
  'rm-group-member': { args: ['dg1', 'disk1', ...DRY] },
  'rm-initiator': { args: [TARGET, 'hosts', INITIATOR, ...DRY, '--force'] },
  'rm-lun': { args: [TARGET, '0', ...DRY, '--force'] },
  'rm-target': { args: [TARGET, ...DRY, '--force'] },
  'rm-target-group': { args: ['dg1', 'tg2', ...DRY] },
  'set-alua-state': { args: ['dg1', 'tg1', 'standby', ...DRY] },
  'set-device': { args: ['disk1', 'threads_num=4', ...DRY] },
  'set-driver': { args: ['iscsi', 'link_local=0', ...DRY] },
  'set-target': { args: [TARGET, 'QueuedCommands=64', ...DRY] },
  setup: { args: ['--yes', '--null', '--target', 'iqn.2024-01.com.example:setup', ...SIM, '--config', '{dir}/setup{n}.conf'], fresh: true },
  show: { args: [...TREE] },
  'simulate:create': { args: [...SIM, '--force'], fresh: true },
  'simulate:daemon': { args: ['stopped', ...SIM], fresh: true },
  'simulate:fault': { args: ['--clear', ...SIM], fresh: true },
  'simulate:file': { args: ['{dir}/file{n}.img', '--size', '1M', ...SIM], fresh: true },
  'simulate:log': { args: [...SIM] },
  'simulate:login': { args: [TARGET, 'iqn.1994-05.com.example:third', '--user', 'alice', '--secret', 'secret123456', ...SIM], fresh: true },
  'simulate:logout': { args: [TARGET, 'nosuch', ...SIM], fresh: true, exit: 2 },
  'simulate:module': { args: ['unload', 'iscsi_scst', ...SIM], fresh: true },
  'simulate:reset': { args: [...SIM], fresh: true },
  'simulate:status': { args: [...SIM] },
  'simulate:user-device': { args: ['register', 'ud1', ...SIM], fresh: true },
  start: { args: [...SIM, '--config', '{conf}'], fresh: true },
  status: { args: [...SIM, '--config', '{conf}'] },
  stop: { args: [...SIM], fresh: true },
  'uninstall-service': { args: ['--root', '{dir}/root{n}'] },
  'write-config': { args: ['{dir}/written{n}.conf', ...TREE] },
};

/** What oclif itself answers (help, the version), timed as commands are: the words are the row's name. */
const OCLIF_ANSWERS = ['--help', 'add-lun --help', 'simulate', '--version'];

const LAB_CONF = `HANDLER vdisk_fileio {
\tDEVICE disk1 {
\t\tfilename {dir}/disk1.img
\t}
}

HANDLER vdisk_nullio {
\tDEVICE null1
}

HANDLER vcdrom {
\tDEVICE cd1
}

TARGET_DRIVER iscsi {
\tenabled 1

\tTARGET ${TARGET} {
\t\tIncomingUser "alice secret123456"
\t\tLUN 0 disk1

\t\tGROUP hosts {
\t\t\tLUN 0 null1
\t\t\tINITIATOR ${INITIATOR}
\t\t}

\t\tGROUP g2

\t\tenabled 1
\t}
}

DEVICE_GROUP dg1 {
\tDEVICE disk1

\tTARGET_GROUP tg1 {
\t\tgroup_id 1
\t\tstate active

\t\tTARGET ${TARGET}
\t}

\tTARGET_GROUP tg2 {
\t\tgroup_id 2
\t}
}

DEVICE_GROUP dg2
`;

const IETD_CONF = `Target ${TARGET}
\tLun 0 Path={dir}/disk1.img,Type=fileio
`;

interface Sample {
  wall: number;
  cpu: number;
  exit: number;
  stderr: string;
}

const PROBE = join(packageRoot, 'dist', 'scripts', 'startup-probe.js');

/**
 * The start-up of one run: the same command under scripts/startup-probe.ts, which reports the
 * milliseconds from Node's start to its first call into `marks` (or to its exit without one).
 */
function startUpOnce(argv: string[], env: NodeJS.ProcessEnv, marks: string[], outFile: string): number {
  const [node, ...rest] = argv;
  rmSync(outFile, { force: true });
  spawnSync(node!, ['--import', PROBE, ...rest], { env: { ...env, STARTUP_PROBE_PATHS: marks.join(':'), STARTUP_PROBE_OUT: outFile }, stdio: 'ignore' });
  return Number(readFileSync(outFile, 'utf8'));
}

/** One run: wall time from bash's clock and the child's user+sys from `times`, bash's own start excluded. */
const RUNNER = 't0=$EPOCHREALTIME; "$@" >/dev/null 2>"$ERR_FILE" </dev/null; rc=$?; t1=$EPOCHREALTIME; times; echo "$t0 $t1 $rc"';

function seconds(text: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

function runOnce(argv: string[], env: NodeJS.ProcessEnv, errFile: string): Sample {
  const result = spawnSync('bash', ['-c', RUNNER, 'bench', ...argv], { env: { ...env, ERR_FILE: errFile }, encoding: 'utf8' });
  const lines = result.stdout.trim().split('\n');
  const [t0, t1, rc] = lines.at(-1)!.split(' ');
  const [user, sys] = lines.at(-2)!.split(' ').map(seconds);
  return { wall: (Number(t1) - Number(t0)) * 1000, cpu: (user! + sys!) * 1000, exit: Number(rc), stderr: readFileSync(errFile, 'utf8') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function hasStrace(): boolean {
  return spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Module files opened before the first call into the tree or the emulated host's state. */
function moduleFiles(argv: string[], env: NodeJS.ProcessEnv, out: string, sysfsMarks: string[]): { modules: number; reachedSysfs: boolean } {
  spawnSync('strace', ['-f', '-qq', '-e', 'trace=openat,open', '-o', out, ...argv], { env, stdio: 'ignore' });
  const seen = new Set<string>();
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const path = /open(?:at)?\([^"]*"([^"]*)"/.exec(line)?.[1];
    if (path === undefined || /= -1 /.test(line)) continue;
    if (sysfsMarks.some((mark) => path.startsWith(mark))) return { modules: seen.size, reachedSysfs: true };
    if (/\.(m|c)?js$/.test(path)) seen.add(path);
  }
  return { modules: seen.size, reachedSysfs: false };
}

function fill(args: string[], values: Record<string, string>): string[] {
  return args.map((a) => a.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`));
}

interface Row {
  id: string;
  wall: number;
  cpu: number;
  /** Median milliseconds from Node's start to the first sysfs call (startUpOnce). */
  startUp: number;
  /**
   * Each median against bare node's, from the bare runs made between this command's runs: a
   * shared machine's slow spell then slows both sides of a ratio.
   */
  ratio?: { wall: number; cpu: number; startUp: number };
  modules?: number;
  reachedSysfs?: boolean;
  failure?: string;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const runs = Math.max(1, Number(argv.find((a) => /^\d+$/.test(a)) ?? 7));
  const only = option('--only') ? new RegExp(option('--only')!) : undefined;
  const bin = resolve(option('--bin') ?? join(packageRoot, 'bin', 'run.js'));
  const manifest = JSON.parse(readFileSync(join(dirname(bin), '..', 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, unknown> };
  const ids = [...Object.keys(manifest.commands).sort(), ...OCLIF_ANSWERS].filter((id) => !only || only.test(id));
  const words = (id: string) => (OCLIF_ANSWERS.includes(id) ? id.split(' ') : id.split(':'));

  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    const values = { dir, tree: join(dir, 'scst_tgt'), conf: join(dir, 'scst.conf'), state: join(dir, 'lab.json'), n: '0' };
    const env = {
      ...process.env, NO_COLOR: '1', HOME: join(dir, 'home'), SCST_CONF: values.conf, SCST_SIMULATE_STATE: values.state,
      SCSTADMIN_TS_LOCK: join(dir, 'run.lock'), SCSTADMIN_TS_STATE_DIR: join(dir, 'state'),
    };
    mkdirSync(env.HOME, { recursive: true });
    writeFileSync(values.conf, fill([LAB_CONF], values)[0]!, { mode: 0o600 });
    writeFileSync(join(dir, 'ietd.conf'), fill([IETD_CONF], values)[0]!);
    writeFileSync(join(dir, 'chap.secret'), 'bobsecret123456\n', { mode: 0o600 });
    writeFileSync(join(dir, 'disk1.img'), Buffer.alloc(1 << 20));
    writeFileSync(join(dir, 'media.iso'), Buffer.alloc(1 << 16));
    // The lab host: an emulated SCST with the file applied, and the same tree written out as files.
    const setUp = (args: string[]) => {
      const r = spawnSync(process.execPath, [join(packageRoot, 'bin', 'run.js'), ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`set-up: scstadmin-ts ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
    };
    setUp(['simulate', 'create', '--force', ...fill(SIM, values)]);
    setUp(['simulate', 'file', join(dir, 'disk1.img'), '--size', '1M', ...fill(SIM, values)]);
    setUp(['simulate', 'module', 'load', 'scst_user', ...fill(SIM, values)]);
    setUp(['apply', values.conf, '--yes', ...fill(SIM, values)]);
    setUp(['simulate', 'login', TARGET, INITIATOR, '--user', 'alice', '--secret', 'secret123456', ...fill(SIM, values)]);
    await copySysfsTree((await openSimulation(values.state)).sysfs, values.tree);
    const pristine = join(dir, 'pristine.json');
    copyFileSync(values.state, pristine);

    const errFile = join(dir, 'stderr.txt');
    const bare = [process.execPath, '-e', '0'];
    runOnce(bare, env, errFile);
    const bareSamples: Sample[] = [];
    const probeFile = join(dir, 'probe.txt');
    const bareStartUps: number[] = [];
    const rows: Row[] = [];
    const strace = hasStrace();
    for (const id of ids) {
      const invocation = OCLIF_ANSWERS.includes(id) ? { args: [] } : INVOCATIONS[id];
      if (!invocation) {
        rows.push({ id, wall: NaN, cpu: NaN, startUp: NaN, failure: 'no invocation in scripts/bench-startup.ts' });
        continue;
      }
      const samples: Sample[] = [];
      const startUps: number[] = [];
      const bareHere: Sample[] = [];
      const bareStartUpsHere: number[] = [];
      let failure: string | undefined;
      for (let i = 0; i <= runs; i++) {
        const state = invocation.fresh ? join(dir, `fresh-${i}.json`) : values.state;
        if (invocation.fresh) copyFileSync(pristine, state);
        const args = fill(invocation.args, { ...values, state, n: `${id.replace(':', '-')}-${i}` });
        const sample = runOnce([process.execPath, bin, ...words(id), ...args], env, errFile);
        if (sample.exit !== (invocation.exit ?? 0)) failure = `exit ${sample.exit}: ${sample.stderr.trim().split('\n')[0]}`;
        if (i > 0) samples.push(sample); // the first run warms the file cache
        bareHere.push(runOnce(bare, env, errFile));
        if (invocation.fresh) copyFileSync(pristine, state);
        const startUp = startUpOnce([process.execPath, bin, ...words(id), ...args], env, [values.tree, state], probeFile);
        if (i > 0) startUps.push(startUp); // the first run under the probe writes its code cache
        bareStartUpsHere.push(startUpOnce(bare, env, [], probeFile));
      }
      bareSamples.push(...bareHere);
      bareStartUps.push(...bareStartUpsHere);
      const row: Row = { id, wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), startUp: median(startUps), failure };
      row.ratio = {
        wall: row.wall / median(bareHere.map((s) => s.wall)),
        cpu: row.cpu / median(bareHere.map((s) => s.cpu)),
        startUp: row.startUp / median(bareStartUpsHere),
      };
      if (strace) {
        if (invocation.fresh) copyFileSync(pristine, join(dir, 'fresh-strace.json'));
        const state = invocation.fresh ? join(dir, 'fresh-strace.json') : values.state;
        const args = fill(invocation.args, { ...values, state, n: `${id.replace(':', '-')}-strace` });
        Object.assign(row, moduleFiles([process.execPath, bin, ...words(id), ...args], env, join(dir, 'strace.txt'), [values.tree, state]));
      }
      rows.push(row);
    }

    const bareWall = median(bareSamples.map((s) => s.wall));
    const bareCpu = median(bareSamples.map((s) => s.cpu));
    const bareStartUp = median(bareStartUps);
    if (argv.includes('--json')) {
      console.log(JSON.stringify({ runs, bare: { wall: bareWall, cpu: bareCpu, startUp: bareStartUp }, commands: rows }, null, 2));
      return;
    }
    console.log(`runs: ${runs} per command (medians; each ×node against the bare runs made between its runs); bin: ${bin}`);
    console.log(`node -e 0: wall ${bareWall.toFixed(0)} ms, cpu ${bareCpu.toFixed(0)} ms, start-up ${bareStartUp.toFixed(0)} ms (Node's start to exit)`);
    const columns = ['wall ms', '×node', 'cpu ms', '×node', 'start ms', '×node', 'modules'];
    console.log(`${'command'.padEnd(22)} ${columns.map((c) => c.padStart(c.startsWith('×') ? 6 : 8)).join(' ')}`);
    for (const r of rows) {
      const modules = r.modules === undefined ? '' : `${r.modules}${r.reachedSysfs ? '' : '*'}`;
      const pair = (key: 'wall' | 'cpu' | 'startUp') => `${r[key].toFixed(0).padStart(8)} ${(r.ratio?.[key] ?? NaN).toFixed(2).padStart(6)}`;
      const line = `${r.id.replace(':', ' ').padEnd(22)} ${pair('wall')} ${pair('cpu')} ${pair('startUp')} ${modules.padStart(8)}`;
      console.log(r.failure ? `${line}  FAILED ${r.failure}` : line);
    }
    const measured = rows.filter((r): r is Row & Required<Pick<Row, 'ratio'>> => !r.failure && r.ratio !== undefined);
    if (measured.length === 0) return;
    const summary = (key: 'wall' | 'cpu' | 'startUp') => {
      const worst = measured.reduce((a, b) => (b.ratio[key] > a.ratio[key] ? b : a));
      const within = measured.filter((r) => r.ratio[key] <= 2).length;
      return `${key === 'startUp' ? 'start-up' : key} median ${median(measured.map((r) => r.ratio[key])).toFixed(2)}×, worst ${worst.id} ${worst.ratio[key].toFixed(2)}×, ${within} of ${measured.length} within 2×`;
    };
    for (const key of ['wall', 'cpu', 'startUp'] as const) console.log(summary(key));
    console.log("start-up: Node's start to the first call into the sysfs tree or the emulated host (scripts/startup-probe.ts), or to the exit for a command that makes none");
    if (strace) console.log('modules: .js/.mjs/.cjs files opened before the first sysfs call (* = the command made none: all it opened)');
    else console.log('strace is not installed (Debian: apt-get install strace): module counts skipped');
    if (rows.some((r) => r.failure)) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
