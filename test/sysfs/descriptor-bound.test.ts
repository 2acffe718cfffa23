/**
 * A real host of many objects read through the real adapter under a low descriptor limit: a
 * 1 000-target emulated host is written out as a plain directory tree, and the CLI (in a shell
 * with `ulimit -n 256`) re-applies, saves and plans clearing it over that tree. Before the
 * adapter bounded its open files, each of these failed with EMFILE.
 */
import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConf } from '../../src/conf/parse.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { applyConfig } from '../../src/plan/index.js';
import { copySysfsTree } from '../../src/sysfs/copy-tree.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const TARGETS = 1000;
const scratch = mkdtempSync(join(tmpdir(), 'descriptor-bound-'));
const tree = join(scratch, 'scst_tgt');
const conf = join(scratch, 'scst.conf');
afterAll(() => rm(scratch, { recursive: true, force: true }), 120_000);

function hostFile(): string {
  const devices: string[] = [];
  const targets: string[] = [];
  // Few devices keep the tree small; the targets are what a reader fans out over.
  for (let i = 0; i < 10; i++) devices.push(`\tDEVICE d${i} {\n\t\tsize_mb 16\n\t}`);
  for (let i = 0; i < TARGETS; i++) {
    targets.push(`\tTARGET iqn.2031-04.test.fd:t${i} {\n\t\tenabled 1\n\t\tGROUP hosts {\n\t\t\tLUN 0 d${i % 10}\n\t\t\tINITIATOR iqn.2031-01.test.client:h${i}\n\t\t}\n\t}`);
  }
  return `HANDLER vdisk_nullio {\n${devices.join('\n')}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n${targets.join('\n')}\n}\n`;
}

beforeAll(async () => {
  const text = hostFile();
  writeFileSync(conf, text);
  const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false });
  await applyConfig(host, parseConf(text, 'scst.conf').config, { lockFile: join(scratch, 'setup.lock'), stateDir: join(scratch, 'setup-state'), suspend: false });
  await copySysfsTree(host, tree);
}, 120_000);

function cliUnderLimit(args: string[]) {
  const env = { NO_COLOR: '1', SCST_CONF: '', SCSTADMIN_TS_LOCK: join(scratch, 'lock'), SCSTADMIN_TS_STATE_DIR: join(scratch, 'state') };
  const command = ['ulimit -n 256 &&', 'exec node "$0" "$@"'].join(' ');
  return execa('bash', ['-c', command, BIN, ...args, '--sysfs-root', tree], { reject: false, env, stdin: 'ignore' });
}

describe('the real adapter under ulimit -n 256 on a 1 000-target tree', () => {
  it('re-applies the file with nothing to write', async () => {
    const run = await cliUnderLimit(['apply', conf, '--json']);
    expect(run.stderr).not.toMatch(/EMFILE/);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ applied: 0 });
  }, 120_000);

  it('writes the host out as a config naming every target', async () => {
    const out = join(scratch, 'written.conf');
    const run = await cliUnderLimit(['write-config', out]);
    expect(run.stderr).not.toMatch(/EMFILE/);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(out, 'utf8').match(/TARGET iqn\.2031-04\.test\.fd:t\d+ /g)).toHaveLength(TARGETS);
  }, 120_000);

  it('plans clearing every target', async () => {
    const run = await cliUnderLimit(['clear-config', '--dry-run', '--force', '--json']);
    expect(run.stderr).not.toMatch(/EMFILE/);
    expect(run.exitCode).toBe(0);
    const ops: Array<{ data: string }> = JSON.parse(run.stdout).plan.ops;
    expect(ops.filter((op) => op.data.startsWith('del_target '))).toHaveLength(TARGETS);
  }, 120_000);
});
