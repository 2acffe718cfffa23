/** Shared fixtures of the plan tests: the worked examples of spec scst-conf §11 and a host. */
import { Emulator } from '../../src/emulator/emulator.js';
import { parseConf } from '../../src/conf/parse.js';
import type { ScstConfig } from '../../src/model/types.js';
import type { Sysfs } from '../../src/sysfs/types.js';
import { planAgainstHost, type Plan, type PlanOptions } from '../../src/plan/index.js';

export const EXAMPLE_11_2 = `HANDLER vdisk_blockio {
	DEVICE vol1 {
		filename /dev/vg0/vol1
		t10_dev_id vol1-t10
	}
}

TARGET_DRIVER iscsi {
	enabled 1
	IncomingUser "disc secret-00001"

	TARGET iqn.2031-04.test.lab:tgt1 {
		IncomingUser "alice secret-00001"
		IncomingUser "bob secret-00002"
		allowed_portal 192.0.2.10
		HeaderDigest CRC32C
		enabled 1

		LUN 0 vol1

		GROUP hosts {
			LUN 0 vol1 {
				read_only 1
			}

			INITIATOR iqn.2031-01.test.client:node7
		}
	}
}
`;

/** The host of §11.2: scst, scst_vdisk and iscsi_scst loaded, iscsi-scstd running. */
export function exampleHost(): Emulator {
  return new Emulator({
    modules: ['scst', 'scst_vdisk', 'iscsi_scst'],
    useRealFileSystem: false,
    hostFiles: {
      '/dev/vg0/vol1': { kind: 'block', size: 1 << 30 },
      '/dev/vg0/vol2': { kind: 'block', size: 1 << 30 },
      '/srv/scratch.img': { kind: 'file', size: 1 << 26 },
    },
  });
}

export function conf(text: string): ScstConfig {
  const result = parseConf(text, 'test.conf');
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture does not parse: ${JSON.stringify(errors)}`);
  return result.config;
}

/** Apply ops straight to the host (test set-up; the product always goes through the executor). */
export async function writeAll(sysfs: Sysfs, ops: Array<{ path: string; data: string }>): Promise<void> {
  for (const op of ops) await sysfs.write(op.path, op.data);
}

/** Plan the file against the host as apply would. */
export async function planFile(sysfs: Sysfs, text: string, options: PlanOptions = {}): Promise<Plan> {
  return planAgainstHost(sysfs, conf(text), options);
}

/** Bring the host to the state of §11.2. */
export async function applyExample(sysfs: Sysfs): Promise<void> {
  await writeAll(sysfs, (await planFile(sysfs, EXAMPLE_11_2)).ops);
}

/**
 * The whole tree as text: every directory entry, link target and readable file. Files whose
 * value is a counter of the run (not state) are left out, as are given path patterns.
 */
export async function treeDump(sysfs: Sysfs, exclude: RegExp[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const skip = (path: string) => VOLATILE.some((r) => r.test(path)) || exclude.some((r) => r.test(path));
  async function walk(dir: string): Promise<void> {
    for (const entry of await sysfs.list(dir)) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (skip(path)) continue;
      if (entry.type === 'dir') {
        out[path] = 'dir';
        await walk(path);
      } else if (entry.type === 'link') {
        out[path] = `-> ${entry.target ?? ''}`;
      } else if (entry.mode !== undefined && (entry.mode & 0o444) !== 0) {
        out[path] = await sysfs.read(path).catch((e: { errno?: string }) => `error ${e.errno ?? ''}`);
      } else {
        out[path] = 'write-only';
      }
    }
  }
  await walk('');
  return out;
}

const VOLATILE = [/^last_sysfs_mgmt_res$/, /^sgv\//, /(^|\/)trace_(cmds|mcmds)$/];
