/** The demo that README's first command runs: it must build its host and print `show`. */
import { execa } from 'execa';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DEMO = join(import.meta.dirname, '..', '..', 'dist', 'scripts', 'demo.js');
const scratch = mkdtempSync(join(tmpdir(), 'demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run demo', () => {
  it('configures a small emulated host and shows it, leaving a state file to continue with', async () => {
    const state = join(scratch, 'host.json');
    const { stdout, exitCode } = await execa('node', [DEMO, state], { reject: false, env: { NO_COLOR: '1' } });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/o- disk1 \.+ \[vdisk_fileio, 20\.0 GiB, \/srv\/scst\/disk1\.img, 1 LUN\]/);
    expect(stdout).toMatch(/o- iqn\.2024-01\.com\.example:storage .*\[enabled, 2 LUNs, 1 group, 1 session\]/);
    expect(stdout).toMatch(/o- 0 \.+ \[null1, ro\]/);
    expect(stdout).toContain(`--simulate=${state}`);
    expect(statSync(state).mode & 0o777).toBe(0o600);
  });
});
