/**
 * What start and reload print about what they left alone: each note once, with its reason once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/emulator/simulation.js';
import { parseConf } from '../../src/conf/parse.js';
import { productEngine } from '../../src/system/engine.js';
import { renderStart } from '../../src/system/render-service.js';

const scratch = mkdtempSync(join(tmpdir(), 'render-service-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('reload on a host holding more than the file', () => {
  it('says "(--prune removes it)" once per object left alone', async () => {
    const file = join(scratch, 'host.json');
    const sim = await createSimulation(file, { useRealFileSystem: false }, true);
    const desired = parseConf('HANDLER vdisk_nullio {\n\tDEVICE null0 {\n\t}\n}\n').config;
    // The host's scst_local_tgt is not in the file: reload without --prune leaves it.
    const applied = await productEngine({ force: false, prune: false, simulationFile: file }).reload(sim.sysfs, desired);
    const lines = renderStart({ configFile: 'scst.conf', warnings: [], modules: [], applied }, 'reload');
    const leftAlone = lines.filter((l) => l.includes('left alone'));
    expect(leftAlone.length).toBeGreaterThan(0);
    // The note carries its own reason; the renderer must not add a second one.
    for (const line of leftAlone) expect(line.match(/--prune/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
  });
});
