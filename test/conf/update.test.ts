import { describe, expect, it } from 'vitest';
import { parseConf } from '../../src/conf/parse.js';
import { updateConf } from '../../src/conf/update.js';
import type { ScstConfig } from '../../src/model/types.js';

const ADMIN = [
  '# Storage for the lab — edited by hand',
  'setup_id 0x1',
  '',
  'HANDLER vdisk_fileio {',
  '    # the big one',
  '    DEVICE disk1 {',
  '        filename /srv/disk1.img   # on the RAID',
  '    }',
  '',
  '    DEVICE disk2 {',
  '        filename /srv/disk2.img',
  '    }',
  '}',
  '',
  '# iSCSI',
  'TARGET_DRIVER iscsi {',
  '    enabled 1',
  '',
  '    TARGET iqn.2024-01.lab.test:one {',
  '        enabled 1',
  '        LUN 0 disk1',
  '    }',
  '}',
  '',
].join('\n');

function edit(text: string, change: (c: ScstConfig) => void): string {
  const parsed = parseConf(text, 'x.conf');
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const next = structuredClone(parsed.config);
  change(next);
  const out = updateConf(parsed.document, next);
  // Whatever changed, the result must mean exactly the new model.
  expect(parseConf(out, 'y.conf').config).toEqual(next);
  return out;
}

describe('updateConf', () => {
  it('returns the file unchanged, byte for byte, when the model is the same', () => {
    expect(edit(ADMIN, () => {})).toBe(ADMIN);
    const crlf = ADMIN.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    expect(edit(crlf, () => {})).toBe(crlf);
  });

  it('adds a LUN as one line in the admin\'s indentation, touching nothing else', () => {
    const out = edit(ADMIN, (c) => {
      c.drivers.iscsi!.targets['iqn.2024-01.lab.test:one']!.luns['1'] = { lun: 1, device: 'disk2', attributes: {} };
    });
    expect(out).toBe(ADMIN.replace('        LUN 0 disk1\n', '        LUN 0 disk1\n        LUN 1 disk2\n'));
  });

  it('changes one attribute in place and keeps its neighbours and comments', () => {
    const out = edit(ADMIN, (c) => {
      c.handlers.vdisk_fileio!.devices.disk2!.attributes.filename = ['/srv/disk2-new.img'];
      c.attributes.setup_id = ['0x2'];
    });
    expect(out).toBe(ADMIN.replace('setup_id 0x1', 'setup_id 0x2').replace('/srv/disk2.img', '/srv/disk2-new.img'));
  });

  it('rewrites a target whose HW_TARGET marker changes, and only that target', () => {
    const out = edit(ADMIN, (c) => {
      c.drivers.iscsi!.targets['iqn.2024-01.lab.test:one']!.hardware = true;
    });
    expect(out).toContain('    # the big one');
    expect(out).toContain('    TARGET iqn.2024-01.lab.test:one {\n        HW_TARGET\n\n        enabled 1\n\n        LUN 0 disk1\n    }\n}');
  });

  it('adds and removes devices, sections and attributes', () => {
    const out = edit(ADMIN, (c) => {
      delete c.handlers.vdisk_fileio!.devices.disk2;
      c.handlers.vdisk_fileio!.devices.disk3 = { name: 'disk3', handler: 'vdisk_fileio', attributes: { filename: ['/srv/disk3.img'] } };
      c.handlers.vdisk_nullio = { name: 'vdisk_nullio', attributes: {}, devices: { n1: { name: 'n1', handler: 'vdisk_nullio', attributes: {} } } };
      c.drivers.iscsi!.attributes.IncomingUser = ['disc secret-000001'];
      delete c.attributes.setup_id;
    });
    expect(out).not.toContain('disk2');
    expect(out).not.toContain('setup_id');
    expect(out).toContain('    # the big one');
    expect(out).toContain('HANDLER vdisk_nullio {\n\tDEVICE n1\n}');
    expect(out).toContain('\n    DEVICE disk3 {\n        filename /srv/disk3.img\n    }\n}');
    expect(out).toContain('TARGET_DRIVER iscsi {\n    IncomingUser "disc secret-000001"\n    enabled 1\n');
    expect(out).not.toMatch(/\n\s*\n\s*\n/);
  });

  it('rewrites a whole section when a block shares its line with another', () => {
    const text = 'HANDLER vdisk_nullio {\n\tDEVICE a {\n\t\tsize_mb 10\n\t} DEVICE b\n}\n# end\n';
    const out = edit(text, (c) => {
      c.handlers.vdisk_nullio!.devices.a!.attributes.size_mb = ['20'];
    });
    expect(out).toContain('# end');
    expect(out).toContain('\tDEVICE a {\n\t\tsize_mb 20\n\t}\n\n\tDEVICE b\n');
  });

  it('refuses to edit a file that has errors', () => {
    const parsed = parseConf('HANDLER vdisk_nullio {\n\tDEVICE a { size_mb 1 }\n}\n', 'bad.conf');
    expect(() => updateConf(parsed.document, parsed.config)).toThrow(/has errors/);
  });

  it('sees edits made to the config parseConf returned (the document keeps its own copy)', () => {
    const parsed = parseConf(ADMIN, 'x.conf');
    parsed.config.attributes.setup_id = ['0x3'];
    expect(updateConf(parsed.document, parsed.config)).toContain('setup_id 0x3');
  });
});
