/**
 * How long the CLI takes to start, against bare `node`: runs `node -e 0` and
 * `node bin/run.js --help` N times each (alternating, after one warm-up run of each) and
 * prints the medians and their ratio. A measurement, not a test: run it on a quiet machine.
 *
 *   node dist/scripts/bench-startup.js [N] [-- extra CLI args instead of --help]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
// dist/scripts → package root
const packageRoot = join(here, '..', '..');
const bin = join(packageRoot, 'bin', 'run.js');

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString().split('\n')[0]}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function main(): void {
  const argv = process.argv.slice(2);
  const dash = argv.indexOf('--');
  const runs = Math.max(1, Number(argv[0] && argv[0] !== '--' ? argv[0] : 10) || 10);
  const cliArgs = dash >= 0 ? argv.slice(dash + 1) : ['--help'];
  const bare = ['-e', '0'];
  const cli = [bin, ...cliArgs];
  timeOnce(bare);
  timeOnce(cli);
  const bareTimes: number[] = [];
  const cliTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareTimes.push(timeOnce(bare));
    cliTimes.push(timeOnce(cli));
  }
  const bareMedian = median(bareTimes);
  const cliMedian = median(cliTimes);
  console.log(`runs: ${runs}`);
  console.log(`node -e 0:                 median ${bareMedian.toFixed(1)} ms`);
  console.log(`node bin/run.js ${cliArgs.join(' ')}: median ${cliMedian.toFixed(1)} ms`);
  console.log(`ratio: ${(cliMedian / bareMedian).toFixed(2)}x`);
}

main();
