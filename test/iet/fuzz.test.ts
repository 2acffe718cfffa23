// Whatever the input, migrate-iet answers with findings, never an exception; and whenever it
// produces a configuration, that configuration serializes and passes check-config.
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/conf/check.js';
import { serializeConf } from '../../src/conf/serializer.js';
import { rng } from '../../scripts/conf-models.js';
import { run } from './helpers.js';

const WORDS = [
  'Target', 'target', 'Lun', 'LUN', 'IncomingUser', 'OutgoingUser', 'Alias', 'MaxConnections', 'QueuedCommands', 'NOPInterval',
  'NOPTimeout', 'InitialR2T', 'HeaderDigest', 'MaxRecvDataSegmentLength', 'iSNSServer', 'iSNSAccessControl', 'Wthreads', 'User',
  'iqn.2001-04.com.example:t1', 'iqn.2001-04.com.example:T1', 'eui.0123456789abcdef', 'tgt#1', 'a/b', '0', '1', '010', '0x10', '-3',
  '16384', 'Path=/srv/a', 'Path=/srv/b', 'Type=fileio', 'Type=blockio', 'Type=nullio', 'IOMode=wb', 'IOMode=ro', 'ScsiId=x',
  'ScsiSN=abc', 'Blocks=10', 'BlockSize=4096', ',', ', ', '#', '# c', 'Yes', 'yes', 'No', 'CRC32C,None', 'None', 'secret',
  'longsecretvalue', 'a=b', '"q"', '{', '}', ';', '\\', 'ALL', '10.0.0.1', '10.0.0.0/8', '[fd00::1]', 'iqn\\.x:.*', '[ab]', '^x',
];

function randomText(seed: number, lines: number): string {
  const next = rng(seed);
  const pick = () => WORDS[Math.floor(next() * WORDS.length)] as string;
  const out: string[] = [];
  for (let i = 0; i < lines; i += 1) {
    const n = Math.floor(next() * 5);
    const sep = () => (next() < 0.8 ? ' ' : next() < 0.5 ? '\t' : '');
    let line = next() < 0.3 ? 'Lun ' : '';
    for (let w = 0; w < n; w += 1) line += pick() + sep();
    out.push(next() < 0.1 ? `  ${line}\r` : line);
  }
  return out.join('\n') + (next() < 0.8 ? '\n' : '');
}

describe('fuzzed IET files', () => {
  it('never throw; every produced configuration passes check-config', () => {
    let produced = 0;
    for (let seed = 1; seed <= 300; seed += 1) {
      const result = run(
        { ietd: randomText(seed, 12), allow: randomText(seed + 1000, 3), deny: seed % 3 === 0 ? randomText(seed + 2000, 2) : undefined, targets: seed % 4 === 0 ? randomText(seed + 3000, 2) : undefined },
        { unknownDirectives: seed % 2 === 0 ? 'warning' : 'error', skipBrokenLuns: seed % 5 === 0 },
      );
      for (const f of result.report.findings) expect(f.location === undefined || /^[a-z.]+:\d+$|^[a-z.]+$/.test(f.location)).toBe(true);
      if (!result.config || result.report.blocking().length > 0) continue;
      produced += 1;
      const checked = checkConfig(serializeConf(result.config), 'fuzz.conf', { statPath: false });
      expect(checked.diagnostics.filter((d) => d.severity === 'error'), `seed ${seed}`).toEqual([]);
    }
    expect(produced).toBeGreaterThan(30);
  });
});
