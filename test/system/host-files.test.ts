import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefaults, readDefaults } from '../../src/system/defaults-file.js';
import { parseProcModules, readLoadedModules } from '../../src/system/proc-modules.js';
import { daemonArgs } from '../../src/system/daemon-options.js';

describe('/etc/default/scst', () => {
  it('reads plain, quoted and exported assignments', () => {
    const text = '# comment\nISCSID_OPTIONS="-a 192.0.2.10 -p 3261"\nexport SCST_TARGET_MODULES=\'scst_user qla2x00tgt\'\nSCST_CONF=/etc/scst.conf # where\n';
    const defaults = parseDefaults(text, 'default');
    expect(defaults.iscsidOptions).toEqual(['-a', '192.0.2.10', '-p', '3261']);
    expect(defaults.targetModules).toEqual(['scst_user', 'qla2x00tgt']);
    expect(defaults.values.SCST_CONF).toBe('/etc/scst.conf');
  });

  it('refuses what only a shell could evaluate, naming file:line', () => {
    expect(() => parseDefaults('A=1\nISCSID_OPTIONS="$(hostname)"\n', '/etc/default/scst')).toThrow(expect.objectContaining({ object: '/etc/default/scst:2', exitCode: 2 }));
    expect(() => parseDefaults('if true; then\n', 'f')).toThrow(expect.objectContaining({ object: 'f:1' }));
    expect(() => parseDefaults('A=two words\n', 'f')).toThrow(/quote values/);
    expect(() => parseDefaults('A="open\n', 'f')).toThrow(/unterminated/);
  });

  it('treats a missing file as empty defaults', async () => {
    const defaults = await readDefaults(join(tmpdir(), 'no-such-dir-scst', 'scst'));
    expect(defaults.iscsidOptions).toEqual([]);
  });

  it('takes daemon options from the flag over the file, refusing control characters', () => {
    const defaults = parseDefaults('ISCSID_OPTIONS="-p 3261"\n', 'f');
    expect(daemonArgs(defaults, undefined)).toEqual(['-p', '3261']);
    expect(daemonArgs(defaults, ' -a  192.0.2.1 ')).toEqual(['-a', '192.0.2.1']);
    expect(() => daemonArgs(defaults, '-a\u0007x')).toThrow(expect.objectContaining({ object: '--options' }));
  });
});

describe('loaded modules', () => {
  it('parses /proc/modules holders and states', () => {
    const rows = parseProcModules('iscsi_scst 520192 2 isert_scst, Live 0x0\nscst 3383296 3 iscsi_scst,scst_vdisk, Live 0x0\nscst_vdisk 155648 0 - Unloading 0x0\n');
    expect(rows).toEqual([
      { name: 'iscsi_scst', size: 520192, refcount: 2, usedBy: ['isert_scst'], state: 'Live' },
      { name: 'scst', size: 3383296, refcount: 3, usedBy: ['iscsi_scst', 'scst_vdisk'], state: 'Live' },
      { name: 'scst_vdisk', size: 155648, refcount: 0, usedBy: [], state: 'Unloading' },
    ]);
  });

  it('adds built-in modules from /sys/module (no refcnt)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scst-mod-'));
    await writeFile(join(dir, 'modules'), 'scst 1 0 - Live 0x0\n');
    await mkdir(join(dir, 'sys', 'scst'), { recursive: true });
    await writeFile(join(dir, 'sys', 'scst', 'refcnt'), '0\n');
    await mkdir(join(dir, 'sys', 'crc32c'), { recursive: true });
    const rows = await readLoadedModules(join(dir, 'modules'), join(dir, 'sys'));
    expect(rows.map((r) => [r.name, r.builtin ?? false])).toEqual([['crc32c', true], ['scst', false]]);
  });
});

describe('SCST_TARGET_MODULES', () => {
  it('holds module names only: nothing modprobe could take for an option', () => {
    expect(parseDefaults('SCST_TARGET_MODULES="scst_user ib-srpt"\n', 'f').targetModules).toEqual(['scst_user', 'ib-srpt']);
    expect(() => parseDefaults('\nSCST_TARGET_MODULES="-r scst"\n', '/etc/default/scst')).toThrow(expect.objectContaining({ object: '/etc/default/scst:2', message: '"-r" is not a module name' }));
  });
});

describe('settings from the environment', () => {
  it('override the file (as a unit\'s Environment= does), with the same checks', () => {
    const text = 'ISCSID_OPTIONS="-p 3261"\nSCST_TARGET_MODULES="scst_user"\n';
    const defaults = parseDefaults(text, 'f', { ISCSID_OPTIONS: '-a 192.0.2.1', PATH: '/bin' });
    expect(defaults.iscsidOptions).toEqual(['-a', '192.0.2.1']);
    expect(defaults.targetModules).toEqual(['scst_user']);
    expect(() => parseDefaults(text, 'f', { SCST_TARGET_MODULES: '--force scst' })).toThrow(expect.objectContaining({ object: 'environment variable SCST_TARGET_MODULES' }));
  });
});
