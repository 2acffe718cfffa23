/** `sgv/`: SGV cache statistics (spec §1.11). Statistics only; writes reset (nothing to reset). */
import type { Kernel } from '../kernel.js';
import { Dir, counterFile } from '../nodes.js';

const SIZE_CLASSES = ['4K', '8K', '16K', '32K', '64K', '128K', '256K', '512K', '1024K', '2048K', '4096K'];

function cacheStats(name: string): string {
  const lines = [
    `${'Name'.padEnd(31)}${'Hit'.padEnd(12)}${'Total'.padEnd(12)}${'% merged'.padEnd(12)}Cached (P/I/O)`,
    `${name.padEnd(31)}${'0'.padEnd(12)}${'0'.padEnd(12)}${'0'.padEnd(12)}0/0/0`,
    ...SIZE_CLASSES.map((size) => `  ${`${name}-${size}`.padEnd(29)}${'0'.padEnd(12)}${'0'.padEnd(12)}0`),
    `  ${'big/other'.padEnd(41)}${'0/0'.padEnd(12)}0/0`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One cache per kind, plus one numbered copy per CPU (two on the recording machine). */
export function sgvDir(k: Kernel): Dir {
  const dir = new Dir().add('global_stats', counterFile(`${'Inactive pages'.padEnd(43)}0\n`));
  for (const kind of ['sgv', 'sgv-clust', 'sgv-dma']) {
    const names = [kind, ...Array.from({ length: k.state.host.cpus }, (_, i) => `${kind}-${i}`)];
    for (const name of names) dir.add(name, () => new Dir().add('stats', counterFile(cacheStats(name))));
  }
  return dir;
}
