/**
 * -issue_lip and -lip. On the emulated host no target is a Fibre Channel port (no `host` link),
 * which scstadmin says target by target. The LIP itself is checked on a copied sysfs tree
 * (SCST_SYSFS_ROOT) shaped as a qla2x00t host has it: a target linked to its SCSI host, whose FC
 * transport directory holds `issue_lip`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompat } from '../../src/compat/run.js';
import type { CompatLab, CompatResult } from './harness.js';
import { suiteLab } from './suite-host.js';

const FC = '50:01:43:80:12:34:56:78';
const COPPER = '50:01:43:80:12:34:56:7a';
const NO_LIP = '50:01:43:80:12:34:56:7c';

let lab: CompatLab;
let tree: string;
beforeAll(async () => {
  lab = await suiteLab();
  tree = fcTree();
}, 60_000);
afterAll(() => {
  lab.cleanup();
  rmSync(join(tree, '..'), { recursive: true, force: true });
});

/** An SCST root with three qla2x00t ports: an FC host with issue_lip, a SCSI host without fc_host, an FC host without issue_lip. */
function fcTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'compat-fc-'));
  const root = join(dir, 'scst_tgt');
  mkdirSync(join(root, 'handlers'), { recursive: true });
  writeFileSync(join(root, 'version'), 'SCST version: 3.11.0-pre\n');
  const port = (target: string, host: string, transport: 'lip' | 'fc' | 'none') => {
    const hostDir = join(dir, 'devices', 'pci0000:00', host, 'scsi_host', host);
    mkdirSync(join(hostDir, 'device'), { recursive: true });
    if (transport !== 'none') mkdirSync(join(hostDir, 'device', 'fc_host', host), { recursive: true });
    if (transport === 'lip') writeFileSync(join(hostDir, 'device', 'fc_host', host, 'issue_lip'), '', { mode: 0o200 });
    mkdirSync(join(root, 'targets', 'qla2x00t', target), { recursive: true });
    writeFileSync(join(root, 'targets', 'qla2x00t', target, 'hw_target'), '1\n');
    symlinkSync(`../../../../devices/pci0000:00/${host}/scsi_host/${host}`, join(root, 'targets', 'qla2x00t', target, 'host'));
  };
  port(FC, 'host3', 'lip');
  port(COPPER, 'host4', 'none');
  port(NO_LIP, 'host5', 'fc');
  return root;
}

async function onTree(line: string): Promise<CompatResult> {
  let all = '';
  const write = (text: string) => {
    all += text;
  };
  const env = { SCST_SYSFS_ROOT: tree, SCSTADMIN_TS_LOCK: join(tree, '..', 'lock'), SCSTADMIN_TS_STATE_DIR: join(tree, '..', 'journal') };
  const code = await runCompat({ argv: line.split(' '), env, euid: () => 0, io: { stdout: write, stderr: write, readLine: async () => undefined } });
  return { stdout: all, stderr: '', all, code };
}

const lipFile = () => readFileSync(join(tree, '..', 'devices', 'pci0000:00', 'host3', 'scsi_host', 'host3', 'device', 'fc_host', 'host3', 'issue_lip'), 'utf8');
const frame = (body: string) => `\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n${body}\t-> Done.\n\nAll done.\n`;

describe('-issue_lip on Fibre Channel ports', () => {
  it('issues a LIP on each FC port of the driver and says why it leaves the others', async () => {
    const result = await onTree('-issue_lip -driver qla2x00t');
    expect(result.all).toBe(
      frame(
        "\t-> Issuing LIP on fibre channel driver/target 'qla2x00t/50:01:43:80:12:34:56:78' (host3): done.\n" +
          '\t-> Driver/target is not a fibre channel target, ignoring.\n' +
          "Fibre channel driver/target 'qla2x00t/50:01:43:80:12:34:56:7c' lacks the ability to issue LIPs, ignoring.\n",
      ),
    );
    expect(result.code).toBe(0);
    expect(lipFile()).toBe('1');
  });

  it('one target; a missing one is named, exit 1', async () => {
    expect((await onTree(`-issue_lip ${FC} -driver qla2x00t`)).all).toBe(frame(`\t-> Issuing LIP on fibre channel driver/target 'qla2x00t/${FC}' (host3): done.\n`));
    const missing = await onTree('-issue_lip 50:00:00:00:00:00:00:01 -driver qla2x00t');
    expect(missing.all).toContain("\n\nFATAL: Received the following error:\n\n\ttargetAttributes(): Target '50:00:00:00:00:00:00:01' is not available\n\n");
    expect(missing.code).toBe(1);
  });

  it('-no_lip issues none', async () => {
    writeFileSync(join(tree, '..', 'devices', 'pci0000:00', 'host3', 'scsi_host', 'host3', 'device', 'fc_host', 'host3', 'issue_lip'), '');
    expect((await onTree('-issue_lip -no_lip')).all).toBe(frame(''));
    expect(lipFile()).toBe('');
  });
});

describe('-issue_lip and -lip on the emulated host (no FC ports)', () => {
  it('names each target that has no host link and exits 0', async () => {
    const result = await lab.run('-issue_lip');
    expect(result.all).toBe(
      frame(
        "\t-> Driver/target 'copy_manager/copy_manager_tgt' has no 'host' attribute, ignoring.\n" +
          "\t-> Driver/target 'ib_srpt/fe80:0000:0000:0000:0002:c903:00a1:b201' has no 'host' attribute, ignoring.\n" +
          "\t-> Driver/target 'ib_srpt/fe80:0000:0000:0000:0002:c903:00a1:b202' has no 'host' attribute, ignoring.\n" +
          "\t-> Driver/target 'scst_local/local' has no 'host' attribute, ignoring.\n",
      ),
    );
    expect(result.code).toBe(0);
  });

  it('an unknown driver is named, exit 1', async () => {
    const result = await lab.run('-issue_lip -driver qla2x00t');
    expect(result.all).toContain('\tNo such driver exists.\n');
    expect(result.code).toBe(1);
  });

  it('-lip after a change of what initiators see: the LIP of its target follows the change', async () => {
    const result = await lab.run('-driver scst_local -target local -group ig -add_init ini3 -lip');
    expect(result.all).toBe(frame("\t-> Adding new initiator 'ini3' to driver/target/group 'scst_local/local/ig': done.\n\t-> Driver/target is not a fibre channel target, ignoring.\n"));
    expect(result.code).toBe(0);
  });
});
