import { BaseCommand } from '../src/cli/base-command.js';
import { readLive } from '../src/live/index.js';
import { deviceRows, renderDevices, type DeviceRow } from '../src/ui/lists.js';
import { DEVICES_SHAPE } from '../src/ui/json-shapes.js';

export default class ListDevices extends BaseCommand {
  static override summary = 'List the devices: handler, size, backing file, where they are exported.';
  static override jsonShape = DEVICES_SHAPE;
  static override description = 'With --json, the same rows as one object; its keys are under JSON OUTPUT in scstadmin-ts-list-devices(8).';
  static override examples = ['<%= config.bin %> list-devices', '<%= config.bin %> list-devices --json'];

  async run(): Promise<{ devices: DeviceRow[] }> {
    const { flags } = await this.parse(ListDevices);
    const rows = deviceRows(await readLive((await this.sysfs(flags)).sysfs, { scope: 'devices' }));
    if (!this.jsonEnabled()) for (const line of renderDevices(rows)) this.log(line);
    return { devices: rows };
  }
}
