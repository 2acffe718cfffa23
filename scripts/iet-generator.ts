/**
 * A deterministic generator of ietd.conf files for tests and the migration benchmark: targets
 * with a mix of fileio, blockio and nullio LUNs, some CHAP users and parameters, all valid for
 * IET 1.4.20. The same options always give the same text.
 */
import { rng } from './conf-models.js';

export interface GeneratorOptions {
  targets: number;
  lunsPerTarget: number;
  seed?: number;
}

export function generateIetdConf(options: GeneratorOptions): string {
  const next = rng(options.seed ?? 1);
  const lines = ['# generated ietd.conf', 'IncomingUser discovery discovery-secret', ''];
  for (let t = 0; t < options.targets; t += 1) {
    lines.push(`Target iqn.2024-01.bench.example:host${t}`);
    for (let l = 0; l < options.lunsPerTarget; l += 1) {
      const kind = next();
      if (kind < 0.5) lines.push(`\tLun ${l} Path=/srv/bench/t${t}-l${l}.img,Type=fileio${next() < 0.3 ? ',IOMode=wb' : ''}`);
      else if (kind < 0.9) lines.push(`\tLun ${l} Path=/dev/bench/t${t}-l${l},Type=blockio,BlockSize=512${next() < 0.2 ? ',IOMode=ro' : ''}`);
      else lines.push(`\tLun ${l} Type=nullio,Blocks=${1 + Math.floor(next() * 100000)}`);
    }
    if (next() < 0.5) lines.push(`\tIncomingUser user${t} secret-${String(t).padStart(6, '0')}`);
    if (next() < 0.3) lines.push(`\tMaxRecvDataSegmentLength ${[8192, 65536, 262144][Math.floor(next() * 3)]}`);
    if (next() < 0.3) lines.push(`\tNOPInterval ${Math.floor(next() * 60)}`);
    if (next() < 0.2) lines.push('\tHeaderDigest CRC32C');
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
