/**
 * The generated scst.conf files the benchmarks share: (a) 100 iSCSI targets in the shape TrueNAS
 * generates (each with its own fileio device and four identity attributes, rel_tgt_id, one group
 * with one initiator and LUN 0, enabled), and hosts of many nullio LUNs. Each comes with the
 * fewest writes the kernel interface allows for a first apply, counted by hand (docs/apply.md).
 */
export interface Scenario {
  name: string;
  text: string;
  files: string[];
  /** The fewest writes the kernel interface allows, counted by hand. */
  minimum: number;
}

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

export function scenarioA(): Scenario {
  const devices: string[] = [];
  const targets: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < 100; i++) {
    const d = `disk${pad(i, 3)}`;
    files.push(`/srv/bench/${d}.img`);
    devices.push(`\tDEVICE ${d} {\n\t\tfilename /srv/bench/${d}.img\n\t\tusn U${pad(i, 6)}\n\t\tnaa_id 0x6001405${pad(i, 9)}0000000000000000\n\t\tprod_id BENCH${pad(i, 3)}\n\t\tt10_vend_id LAB\n\t}`);
    targets.push(`\tTARGET iqn.2031-04.test.bench:t${pad(i, 3)} {\n\t\trel_tgt_id ${i + 1}\n\t\tenabled 1\n\t\tGROUP hosts {\n\t\t\tLUN 0 ${d}\n\t\t\tINITIATOR iqn.2031-01.test.client:h${pad(i, 3)}\n\t\t}\n\t}`);
  }
  const text = `HANDLER vdisk_fileio {\n${devices.join('\n')}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n${targets.join('\n')}\n}\n`;
  // Per target: add_device (filename rides on it), 4 attribute writes, add_target, rel_tgt_id,
  // create group, add initiator, add LUN, enable = 11; then the driver's enable.
  return { name: '(a) 100 targets, own device, group, initiator, LUN', text, files, minimum: 100 * 11 + 1 };
}

/** `targets` targets with `perTarget` nullio devices each, one LUN per device. */
export function lunScenario(name: string, targets: number, perTarget: number): Scenario {
  const devices: string[] = [];
  const blocks: string[] = [];
  for (let t = 0; t < targets; t++) {
    const luns: string[] = [];
    for (let l = 0; l < perTarget; l++) {
      const d = `n${pad(t, 3)}_${pad(l, 4)}`;
      devices.push(`\tDEVICE ${d} {\n\t\tsize_mb 16\n\t}`);
      luns.push(`\t\tLUN ${l} ${d}`);
    }
    blocks.push(`\tTARGET iqn.2031-04.test.bench:l${pad(t, 3)} {\n\t\tenabled 1\n${luns.join('\n')}\n\t}`);
  }
  const text = `HANDLER vdisk_nullio {\n${devices.join('\n')}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n${blocks.join('\n')}\n}\n`;
  // Per device: add_device (size_mb rides on it) + add LUN; per target: add_target + enable; driver enable.
  return { name, text, files: [], minimum: targets * perTarget * 2 + targets * 2 + 1 };
}
