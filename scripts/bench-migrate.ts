/**
 * Benchmark: convert a generated ietd.conf with 1 000 targets and 4 000 LUNs (parse, convert,
 * report, serialize) and print the time. Run after `npm run build`:
 *   node dist/scripts/bench-migrate.js [--targets N] [--luns-per-target M] [--runs R]
 */
import { performance } from 'node:perf_hooks';
import { serializeConf } from '../src/conf/serializer.js';
import { Report } from '../src/iet/findings.js';
import { migrate } from '../src/iet/migrate.js';
import { generateIetdConf } from './iet-generator.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const targets = option('--targets', 1000);
const lunsPerTarget = option('--luns-per-target', 4);
const runs = option('--runs', 5);
const content = Buffer.from(generateIetdConf({ targets, lunsPerTarget, seed: 7 }));

const times: number[] = [];
let summary = '';
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  const result = migrate({ ietdConf: { file: 'ietd.conf', content } }, { offline: true }, undefined, new Report());
  if (!result.config || result.report.blocking().length > 0) throw new Error('the generated configuration did not convert');
  const text = serializeConf(result.config);
  times.push(performance.now() - started);
  const luns = Object.values(result.config.drivers.iscsi?.targets ?? {}).reduce((n, t) => n + Object.keys(t.luns).length, 0);
  summary = `${Object.keys(result.config.drivers.iscsi?.targets ?? {}).length} targets, ${luns} LUNs, ${result.report.findings.length} findings, ${text.length} bytes of scst.conf`;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
console.log(`migrate-iet: ${content.length} bytes of ietd.conf → ${summary}`);
console.log(`convert + serialize: median ${median.toFixed(1)} ms, worst ${(times[times.length - 1] as number).toFixed(1)} ms, over ${runs} runs`);
