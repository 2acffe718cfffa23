/**
 * How the scst.conf code scales: builds configurations of N devices, each exported as a LUN
 * (spread over iSCSI targets of 100 LUNs, with a group and two CHAP users per target), then
 * times serialize, parse (lexer + parser + validation), check-config's offline checks and a
 * one-LUN format-preserving update. Prints times (median of several runs) and the heap used.
 * A measurement, not a test.
 *
 *   node dist/scripts/bench-conf.js [N ...]      (default: 1000 10000)
 */
import { checkConfig } from '../src/conf/check.js';
import { parseConf } from '../src/conf/parse.js';
import { serializeConf } from '../src/conf/serializer.js';
import { updateConf } from '../src/conf/update.js';
import { dict, emptyConfig, type ScstConfig } from '../src/model/types.js';

const LUNS_PER_TARGET = 100;

function build(devices: number): ScstConfig {
  const config = emptyConfig();
  const handler = { name: 'vdisk_fileio', attributes: dict<string[]>(), devices: dict<ScstConfig['handlers'][string]['devices'][string]>() };
  for (let d = 0; d < devices; d += 1) {
    const name = `disk${d}`;
    handler.devices[name] = { name, handler: 'vdisk_fileio', attributes: { filename: [`/srv/lun/${name}.img`], nv_cache: ['1'], t10_dev_id: [`t10-${d}`] } };
  }
  config.handlers.vdisk_fileio = handler;
  const driver: ScstConfig['drivers'][string] = { name: 'iscsi', enabled: true, attributes: dict(), targets: dict() };
  for (let t = 0; t * LUNS_PER_TARGET < devices; t += 1) {
    const name = `iqn.2024-01.com.example:store${t}`;
    const target: ScstConfig['drivers'][string]['targets'][string] = {
      name, enabled: true, luns: dict(), groups: dict(),
      attributes: { IncomingUser: [`alice${t} secret-${String(t).padStart(6, '0')}`, `bob${t} secret-${String(t).padStart(6, '0')}`], rel_tgt_id: [String(t + 1)] },
    };
    const group = { name: 'hosts', attributes: dict<string[]>(), luns: dict<ScstConfig['drivers'][string]['targets'][string]['luns'][string]>(), initiators: [`iqn.2024-01.com.example:host${t}`] };
    for (let l = 0; l < LUNS_PER_TARGET && t * LUNS_PER_TARGET + l < devices; l += 1) {
      const device = `disk${t * LUNS_PER_TARGET + l}`;
      target.luns[String(l)] = { lun: l, device, attributes: dict() };
      group.luns[String(l)] = { lun: l, device, attributes: l % 2 === 0 ? { read_only: ['1'] } : dict() };
    }
    target.groups.hosts = group;
    driver.targets[name] = target;
  }
  config.drivers.iscsi = driver;
  return config;
}

function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

function bench(devices: number): void {
  const config = build(devices);
  const text = serializeConf(config);
  const runs = devices > 5000 ? 5 : 11;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const parsed = parseConf(text, 'bench.conf');
  const heapAfter = process.memoryUsage().heapUsed;
  if (parsed.diagnostics.some((d) => d.severity === 'error')) throw new Error(`generated file has errors: ${parsed.diagnostics[0]!.message}`);

  const serializeMs = median(runs, () => serializeConf(config));
  const parseMs = median(runs, () => parseConf(text, 'bench.conf'));
  const checkMs = median(runs, () => checkConfig(text, 'bench.conf', { statPath: false, mode: 0o600 }));
  const edited = structuredClone(parsed.config);
  const first = Object.values(edited.drivers.iscsi!.targets)[0]!;
  first.luns['100'] = { lun: 100, device: 'disk0', attributes: {} };
  const updateMs = median(runs, () => updateConf(parsed.document, edited));

  const luns = Object.values(config.drivers.iscsi!.targets).reduce((n, t) => n + Object.keys(t.luns).length + Object.keys(t.groups.hosts!.luns).length, 0);
  console.log(
    `${devices} devices, ${luns} LUNs, ${Object.keys(config.drivers.iscsi!.targets).length} targets, ${text.split('\n').length} lines (${mib(text.length)}): ` +
      `serialize ${serializeMs.toFixed(1)} ms, parse ${parseMs.toFixed(1)} ms, check-config (offline) ${checkMs.toFixed(1)} ms, ` +
      `update one LUN ${updateMs.toFixed(1)} ms; parsed document ~${mib(Math.max(0, heapAfter - heapBefore))} heap, ` +
      `process RSS ${mib(process.memoryUsage().rss)}`,
  );
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length > 0 ? sizes : [1000, 10000]) bench(n);
