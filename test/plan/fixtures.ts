/** Shared fixtures of the plan tests: the worked examples of spec scst-conf §11 and a host. */
import { Emulator } from '../../src/emulator/emulator.js';
import { parseConf } from '../../src/conf/parse.js';
import type { ScstConfig } from '../../src/model/types.js';

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
