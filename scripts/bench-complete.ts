/**
 * How long one TAB takes on a big host, as the admin's shell runs it: the generated bash, zsh
 * and fish scripts are sourced once into a long-lived shell (as at login), then the completion
 * runs N times per case, timed by the shell's own clock (bash and zsh: $EPOCHREALTIME; fish:
 * its `time`). The host is a sysfs-like directory of D devices and an iSCSI target (what a real
 * host lists, through --sysfs-root), and an emulated host of the same size saved with its names
 * index (--simulate), which the shells read themselves: no scstadmin-ts-complete is on their
 * PATH for those cases, so a TAB that needed it would offer nothing. One more case sets the
 * index aside (a write log beside the state, as a run under way leaves) and so measures what a
 * stale index costs: scstadmin-ts-complete loading the host.
 * Prints the median wall time per TAB and the shell's CPU time (its own and its children's,
 * user + system) per TAB, next to bare `node -e 0`. bash runs its whole completion function
 * (COMPREPLY filled); zsh runs the engine of its function (the matches handed to compadd);
 * fish runs `complete -C` (the script's function, then fish's matching of its candidates).
 *
 *   node dist/scripts/bench-complete.js [DEVICES] [N]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completionScript } from '../src/completion/scripts.js';
import { Emulator } from '../src/emulator/index.js';
import { openSimulation } from '../src/emulator/simulation.js';
import { PACKAGE_ROOT, readManifest } from '../src/meta/manifest.js';
import { mgmtCommand } from '../src/sysfs/mgmt-command.js';
import { writeMgmt } from '../src/sysfs/mgmt-write.js';

const TARGET = 'iqn.2024-01.com.example:t0';
// Commands with device and target arguments (add-lun TARGET DEVICE…), whatever today's set is.
const manifest = readManifest(join(PACKAGE_ROOT, 'test', 'fixtures', 'completion', 'manifest.json'));

function sysfsTree(root: string, devices: number): void {
  mkdirSync(join(root, 'targets', 'iscsi', TARGET, 'luns'), { recursive: true });
  writeFileSync(join(root, 'targets', 'iscsi', 'mgmt'), '');
  // As on a real kernel, devices/ holds the device directories and nothing else.
  mkdirSync(join(root, 'devices'));
  for (let d = 0; d < devices; d++) mkdirSync(join(root, 'devices', `disk${d}`));
}

/** An emulated host saved as a --simulate command saves it: state file and names index. */
async function emulatedHost(file: string, devices: number): Promise<void> {
  const emulator = new Emulator({ useRealFileSystem: false });
  for (let d = 0; d < devices; d++) await writeMgmt(emulator, 'handlers/vdisk_nullio/mgmt', mgmtCommand('add_device', [`disk${d}`]));
  await writeMgmt(emulator, 'targets/iscsi/mgmt', mgmtCommand('add_target', [TARGET]));
  writeFileSync(file, JSON.stringify(emulator.toState()));
  await (await openSimulation(file)).save();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Timing {
  ms: number;
  cpu: number;
  candidates: number;
}

type Shell = 'bash' | 'zsh' | 'fish';

function timeShell(shell: Shell, script: string, line: string, runs: number, env: NodeJS.ProcessEnv): Timing {
  const driver = join(PACKAGE_ROOT, 'scripts', `bench-complete-driver.${shell}`);
  const options = { bash: ['--norc'], zsh: ['-f'], fish: ['--no-config'] }[shell];
  const result = spawnSync(shell, [...options, driver, script, line, String(runs)], { env: { ...env, LC_ALL: 'C' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${shell} ${line}: exit ${result.status}: ${result.stderr}`);
  return shell === 'fish' ? fishTiming(result.stdout, result.stderr) : shellTiming(result.stdout, runs);
}

/** bash's and zsh's drivers: per run "START END CANDIDATES", and the shell's CPU ticks around them. */
function shellTiming(stdout: string, runs: number): Timing {
  const lines = stdout.trim().split('\n');
  const cpu = lines.filter((l) => l.startsWith('cpu ')).map((l) => Number(l.slice(4)));
  const runsOut = lines.filter((l) => !l.startsWith('cpu ')).map((l) => l.split(' ').map(Number));
  return {
    ms: median(runsOut.map(([s, e]) => (e! - s!) * 1000)),
    cpu: ((cpu[1]! - cpu[0]!) * 10) / runs,
    candidates: runsOut.at(-1)![2]!,
  };
}

const FISH_UNITS: Record<string, number> = { micros: 0.001, millis: 1, secs: 1000, mins: 60_000 };

/** fish's `time` reports: "Executed in", and the usr and sys times of fish and its children. */
function fishTiming(stdout: string, stderr: string): Timing {
  const ms = (value: string, unit: string) => Number(value) * FISH_UNITS[unit]!;
  const wall = [...stderr.matchAll(/Executed in\s+([\d.]+) (\w+)/g)].map((m) => ms(m[1]!, m[2]!));
  const cpu = [...stderr.matchAll(/(?:usr|sys) time\s+([\d.]+) (\w+)/g)].map((m) => ms(m[1]!, m[2]!));
  return { ms: median(wall), cpu: cpu.reduce((a, b) => a + b, 0) / wall.length, candidates: Number(/candidates (\d+)/.exec(stdout)![1]) };
}

/**
 * A copy of the emulated host whose index is stale: a write log of its save lies beside it, as
 * a run under way (or killed) leaves one, so completion loads the host.
 */
function staleCopy(state: string, copy: string): void {
  copyFileSync(state, copy);
  copyFileSync(`${state}.names`, `${copy}.names`);
  const saveId = (JSON.parse(readFileSync(state, 'utf8')) as { saveId: string }).saveId;
  writeFileSync(`${copy}.writes`, `${JSON.stringify({ base: saveId })}\n`);
}

function nodeFloor(runs: number): number {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
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
    // scstadmin-ts-complete on the PATH, as an installed package puts it, only for the stale index.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    symlinkSync(join(PACKAGE_ROOT, 'bin', 'complete.js'), join(bin, 'scstadmin-ts-complete'));
    const plain = { ...process.env, PATH: '/usr/bin:/bin' };
    const withComplete = { ...process.env, PATH: `${bin}:/usr/bin:/bin` };
    const stale = join(scratch, 'stale.json');
    staleCopy(state, stale);
    const shells: Shell[] = ['bash', 'zsh', 'fish'];
    const scripts = Object.fromEntries(shells.map((shell) => [shell, join(scratch, shell)])) as Record<Shell, string>;
    for (const shell of shells) writeFileSync(scripts[shell], completionScript(shell, manifest));
    const cases: Array<[string, string, NodeJS.ProcessEnv?]> = [
      ['real tree: add-lun TARGET <TAB> (devices)', `scstadmin-ts add-lun --sysfs-root ${root} ${TARGET} `],
      ['real tree: add-lun TARGET disk99<TAB>', `scstadmin-ts add-lun --sysfs-root ${root} ${TARGET} disk99`],
      ['real tree: add-lun <TAB> (targets)', `scstadmin-ts add-lun --sysfs-root ${root} `],
      ['command names: <TAB>', 'scstadmin-ts '],
      ['flags: add-lun --<TAB>', 'scstadmin-ts add-lun --'],
      ['--simulate: add-lun TARGET <TAB> (devices)', `scstadmin-ts add-lun --simulate=${state} ${TARGET} `],
      ['--simulate: add-lun TARGET disk99<TAB>', `scstadmin-ts add-lun --simulate=${state} ${TARGET} disk99`],
      ['--simulate, stale index: add-lun TARGET disk99<TAB>', `scstadmin-ts add-lun --simulate=${stale} ${TARGET} disk99`, withComplete],
    ];
    console.log(`${devices} devices; per TAB, medians of ${runs} runs after one warm-up: wall time; shell CPU (user + system, with children) per TAB`);
    console.log(`${'node -e 0 (for scale: what any TAB that starts node pays)'.padEnd(60)} ${nodeFloor(runs).toFixed(0).padStart(6)} ms wall`);
    for (const shell of shells) {
      for (const [label, line, env = plain] of cases) {
        const t = timeShell(shell, scripts[shell], line, runs, env);
        console.log(`${`${shell.padEnd(4)}  ${label}`.padEnd(60)} ${t.ms.toFixed(1).padStart(6)} ms wall ${t.cpu.toFixed(1).padStart(6)} ms CPU  (${t.candidates} candidates)`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
