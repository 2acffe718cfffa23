import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { badInput } from '../../src/errors.js';
import { changeSimulation, parseByteSize } from '../../src/emulator/simulation.js';
import { SIMULATE_FILE_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateFile extends BaseCommand {
  static override summary = 'Give the emulated host a backing store: a file, block device or directory.';
  static override jsonShape = SIMULATE_FILE_SHAPE;
  static override description =
    'vdisk devices of the emulated host find their filename= here before looking at the real file system. Nothing is created on this machine.';
  static override args = { path: Args.string({ description: 'absolute path on the emulated host', required: true }) };
  static override flags = {
    size: Flags.string({ description: 'size in bytes, or with K/M/G/T (e.g. 64M)' }),
    block: Flags.boolean({ description: 'a block device instead of a regular file', exclusive: ['dir'] }),
    dir: Flags.boolean({ description: 'a directory' }),
    'used-by': Flags.string({ description: 'what holds the block device on the host (e.g. "mounted on /", "LVM member"): setup never offers it', helpValue: 'WORDS', dependsOn: ['block'] }),
    remove: Flags.boolean({ description: 'remove the path from the emulated host', exclusive: ['size', 'block', 'dir', 'used-by'] }),
  };
  static override examples = [
    '<%= config.bin %> simulate file /srv/disk1.img --size 1G',
    '<%= config.bin %> simulate file /dev/sdb --size 100G --block',
  ];

  async run(): Promise<{ path: string; kind?: string; size?: number; removed: boolean }> {
    const { args, flags } = await this.parse(SimulateFile);
    if (!args.path.startsWith('/')) throw badInput(`not an absolute path: ${args.path}`, { object: args.path });
    const file = flags.simulate ?? defaultSimulationPath();
    if (flags.remove) {
      await changeSimulation(file, (emulator) => emulator.removeHostFile(args.path));
      this.log(`removed ${args.path} from the emulated host`);
      return { path: args.path, removed: true };
    }
    const kind = flags.dir ? 'dir' : flags.block ? 'block' : 'file';
    if (kind !== 'dir' && flags.size === undefined) throw badInput('--size is required for files and block devices', { object: '--size' });
    const size = flags.size === undefined ? undefined : parseByteSize(flags.size);
    await changeSimulation(file, (emulator) => emulator.addHostFile(args.path, { kind, size, ...(flags['used-by'] ? { usedBy: flags['used-by'] } : {}) }));
    this.log(`${args.path}: ${kind}${size === undefined ? '' : ` of ${size} bytes`} on the emulated host`);
    return { path: args.path, kind, size, removed: false };
  }
}
