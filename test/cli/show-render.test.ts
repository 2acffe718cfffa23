/** The pieces of `show` without a process: tree layout, narrowing, masking, units. */
import { describe, expect, it } from 'vitest';
import { dict, emptyConfig, type ScstConfig } from '../../src/model/types.js';
import { maskChapValue, maskSecrets } from '../../src/ui/mask.js';
import { narrowTree } from '../../src/ui/show-tree.js';
import { renderTree } from '../../src/ui/tree.js';
import { count, formatBytes } from '../../src/ui/units.js';
import { setColorEnabled } from '../../src/ui/color.js';

function sample(): ScstConfig {
  const config = emptyConfig();
  config.live = { version: '3.11.0-pre' };
  config.handlers.vdisk_fileio = {
    name: 'vdisk_fileio',
    attributes: dict(),
    type: '0 - Direct-access device (e.g., magnetic disk)',
    devices: { disk1: { name: 'disk1', handler: 'vdisk_fileio', attributes: { filename: ['/srv/disk1.img'] }, size: 1 << 30, exports: [{ driver: 'iscsi', target: 'iqn.x:t', lun: 0 }] } },
  };
  config.drivers.iscsi = {
    name: 'iscsi',
    enabled: true,
    daemon: 'connected',
    attributes: { IncomingUser: ['disc discsecret1234'] },
    targets: {
      'iqn.x:t': {
        name: 'iqn.x:t',
        enabled: true,
        attributes: { IncomingUser: ['joe secret12345678', 'ann'], comment: ['a b'] },
        luns: { '0': { lun: 0, device: 'disk1', attributes: {} } },
        groups: { g1: { name: 'g1', attributes: {}, luns: {}, initiators: ['iqn.i:1'] } },
        sessions: [{ name: 'iqn.i:1', initiator: 'iqn.i:1', group: 'g1', luns: [], addresses: ['192.0.2.1'] }],
      },
    },
  };
  return config;
}

describe('renderTree', () => {
  it('draws targetcli-like lines with dotted leaders to the width, guides for open branches', () => {
    setColorEnabled(false);
    const lines = renderTree(narrowTree(sample(), undefined), { width: 60 });
    expect(lines).toEqual([
      'o- / .................................... [SCST 3.11.0-pre]',
      '  o- handlers',
      '  | o- vdisk_fileio ...... [Direct-access device, 1 device]',
      '  |   o- disk1 [vdisk_fileio, 1.0 GiB, /srv/disk1.img, 1 LUN]',
      '  o- targets',
      '  | o- iscsi ... [enabled, iscsi-scstd connected, 1 target]',
      '  |   o- iqn.x:t ..... [enabled, 1 LUN, 1 group, 1 session]',
      '  |     o- luns',
      '  |     | o- 0 .................................... [disk1]',
      '  |     o- ini_groups',
      '  |     | o- g1 ..................... [1 initiator, 0 LUNs]',
      '  |     |   o- luns',
      '  |     |   o- initiators',
      '  |     |     o- iqn.i:1',
      '  |     o- sessions',
      '  |       o- iqn.i:1 ........ [group g1, 0 LUNs, 192.0.2.1]',
      '  o- device_groups',
    ]);
  });

  it('colours only when colour is on', () => {
    setColorEnabled(true);
    const coloured = renderTree({ name: 'x', summary: ['enabled'], tone: 'good' }).join('\n');
    setColorEnabled(false);
    expect(coloured).toContain('\u001b[');
    expect(renderTree({ name: 'x', summary: ['enabled'], tone: 'good' }).join('\n')).not.toContain('\u001b[');
  });
});

describe('narrowTree', () => {
  it('shows the named object with its attributes', () => {
    setColorEnabled(false);
    const lines = renderTree(narrowTree(maskSecrets(sample()), 'targets/iscsi/iqn.x:t'), { width: 50 });
    expect(lines.slice(0, 4)).toEqual([
      'o- iqn.x:t . [enabled, 1 LUN, 1 group, 1 session]',
      '  o- IncomingUser ................ [joe ********]',
      '  o- IncomingUser .................... [********]',
      '  o- comment .............................. [a b]',
    ]);
  });

  it('shows every object\'s attributes with --attributes', () => {
    setColorEnabled(false);
    const lines = renderTree(narrowTree(maskSecrets(sample()), undefined, { attributes: true }), { width: 70 });
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}\| {3}o- disk1 .*$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}\| {5}o- filename \.+ \[\/srv\/disk1\.img\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}\| {3}o- IncomingUser \.+ \[disc \*{8}\]$/));
    expect(renderTree(narrowTree(sample(), undefined)).some((l) => l.includes('filename'))).toBe(false);
  });

  it('finds devices/NAME under its handler, and refuses unknown paths with exit 2', () => {
    expect(narrowTree(sample(), 'devices/disk1').name).toBe('disk1');
    expect(narrowTree(sample(), 'devices').children?.map((c) => c.name)).toEqual(['disk1']);
    expect(() => narrowTree(sample(), 'targets/iscsi/nosuch')).toThrow(expect.objectContaining({ exitCode: 2, message: 'no such object in the SCST tree: targets/iscsi/nosuch' }));
    expect(() => narrowTree(sample(), 'devices/nosuch')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('unbound SCSI devices', () => {
  it('are listed under the handlers and found by devices/H:C:I:L', () => {
    setColorEnabled(false);
    const config = sample();
    config.live!.unboundScsiDevices = ['1:0:0:0'];
    const lines = renderTree(narrowTree(config, 'handlers'), { width: 50 });
    expect(lines.slice(-2)).toEqual(['  o- (no handler) ............... [1 SCSI device]', '    o- 1:0:0:0 ..................... [no handler]']);
    expect(renderTree(narrowTree(config, 'devices/1:0:0:0'), { width: 40 })).toEqual(['o- 1:0:0:0 ............... [no handler]']);
  });
});

describe('maskSecrets', () => {
  it('masks driver and target CHAP secrets in a copy, leaving other values and the input alone', () => {
    const config = sample();
    const masked = maskSecrets(config);
    expect(masked.drivers.iscsi!.attributes.IncomingUser).toEqual(['disc ********']);
    expect(masked.drivers.iscsi!.targets['iqn.x:t']!.attributes).toEqual({ IncomingUser: ['joe ********', '********'], comment: ['a b'] });
    expect(config.drivers.iscsi!.targets['iqn.x:t']!.attributes.IncomingUser).toEqual(['joe secret12345678', 'ann']);
    expect(maskChapValue('a b c')).toBe('a ********');
  });
});

describe('units', () => {
  it('formats sizes in binary units and counts with plurals', () => {
    expect([0, 512, 1024, 67108864, 2748779069440].map(formatBytes)).toEqual(['0 B', '512 B', '1.0 KiB', '64.0 MiB', '2.5 TiB']);
    expect([count(1, 'LUN'), count(0, 'LUN'), count(2, 'target group')]).toEqual(['1 LUN', '0 LUNs', '2 target groups']);
  });
});
