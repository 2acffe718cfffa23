/**
 * Hostile input against the CLI: generates huge malformed files (an scst.conf of unclosed
 * sections, of repeated sections, of unclosed nested sections; an ietd.conf of unknown
 * directives) and runs the commands that read them as an admin would, each in its own process.
 * Prints the exit code, the wall time and the peak RSS of each run. Every run should end in
 * exit 2 within seconds, with memory bounded by the file size. A measurement, not a test.
 *
 *   node dist/scripts/bench-hostile.js [--mib N]      (default: 15, just under the 16 MiB limit)
 *
 * Add `--mib 36` to see a file over the limit refused before it is read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
// Loaded into each child: writes its peak RSS (KiB) to the file named by BENCH_RSS_FILE at exit.
const PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** `unit` repeated to about `bytes` bytes. */
function repeated(unit: string, bytes: number, head = ''): string {
  return head + unit.repeat(Math.floor((bytes - head.length) / unit.length));
}

const mib = option('--mib', 15);
const bytes = mib * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
const state = join(dir, 'state.json');

const inputs: Array<{ name: string; text: string; commands: string[][] }> = [
  { name: 'unclosed.conf', text: repeated('DEVICE a {\n', bytes), commands: [['fmt'], ['check-config', '--offline'], ['plan', `--simulate=${state}`]] },
  { name: 'unclosed-handlers.conf', text: repeated('HANDLER vdisk_nullio {\n', bytes), commands: [['fmt'], ['plan', `--simulate=${state}`]] },
  { name: 'repeated.conf', text: repeated('HANDLER vdisk_nullio {\n}\n', bytes), commands: [['check-config', '--offline']] },
  { name: 'nested.conf', text: repeated('TARGET_DRIVER iscsi {\nTARGET t {\nLUN 0 d\n', bytes), commands: [['check-config', '--offline']] },
  { name: 'ietd.conf', text: repeated('MaxCommands 4\n', bytes, 'Target iqn.2001-04.com.example:t1\n'), commands: [['migrate-iet', '--offline', '-o', join(dir, 'out.conf')]] },
];

try {
  spawnSync('node', [BIN, 'simulate', 'create', '--force', `--simulate=${state}`], { stdio: 'ignore' });
  for (const input of inputs) {
    const file = join(dir, input.name);
    writeFileSync(file, input.text);
    const lines = input.text.split('\n').length - 1;
    for (const command of input.commands) {
      const rssFile = join(dir, 'rss');
      rmSync(rssFile, { force: true });
      const started = performance.now();
      const run = spawnSync('node', ['--import', PRELOAD, BIN, command[0]!, file, ...command.slice(1)], {
        env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const seconds = (performance.now() - started) / 1000;
      let peak = '?';
      try {
        peak = `${(Number(readFileSync(rssFile, 'utf8')) / 1024).toFixed(0)} MiB`;
      } catch {
        // killed before exit (an out-of-memory abort): no figure
      }
      const said = (run.stderr.split('\n').find((l) => l.startsWith('scstadmin-ts:')) ?? '').slice(0, 100);
      console.log(`${input.name} (${(input.text.length / 1048576).toFixed(1)} MiB, ${lines} lines) ${command[0]}: exit ${run.status ?? run.signal}, ${seconds.toFixed(1)} s, peak RSS ${peak}; ${said}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
