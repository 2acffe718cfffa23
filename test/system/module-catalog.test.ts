import { describe, expect, it } from 'vitest';
import { allScstModulesUnloadOrder, loadOrder, moduleForDriver, moduleForHandler, modulesForConfig, unloadOrder } from '../../src/system/module-catalog.js';
import { dict, emptyConfig, type ScstConfig } from '../../src/model/types.js';

function configWith(handlers: string[], drivers: string[]): ScstConfig {
  const config = emptyConfig();
  for (const name of handlers) config.handlers[name] = { name, attributes: dict(), devices: dict() };
  for (const name of drivers) config.drivers[name] = { name, attributes: dict(), targets: dict() };
  return config;
}

describe('module catalogue', () => {
  it('maps handlers and drivers to their modules as the init script does', () => {
    expect(moduleForHandler('vdisk_fileio')).toBe('scst_vdisk');
    expect(moduleForHandler('vcdrom')).toBe('scst_vdisk');
    expect(moduleForHandler('dev_disk_perf')).toBe('scst_disk');
    expect(moduleForHandler('dev_tape')).toBe('scst_tape');
    expect(moduleForHandler('dev_changer')).toBe('scst_changer');
    expect(moduleForHandler('dev_user')).toBe('scst_user');
    expect(moduleForDriver('iscsi')).toBe('iscsi_scst');
    expect(moduleForDriver('qla2x00t')).toBe('qla2x00tgt');
    expect(moduleForDriver('copy_manager')).toBeUndefined();
    expect(moduleForDriver('ib_srpt')).toBe('ib_srpt');
  });

  it('works out the modules of a configuration, scst first and the daemon for iSCSI', () => {
    const plan = modulesForConfig(configWith(['vdisk_blockio', 'dev_disk'], ['iscsi', 'copy_manager', 'scst_local']));
    expect(plan.required).toEqual(['scst', 'scst_vdisk', 'scst_disk', 'iscsi_scst', 'scst_local']);
    expect(plan.optional).toEqual(['crc32c']);
    expect(plan.needsIscsiDaemon).toBe(true);
  });

  it('needs only scst for an empty or missing configuration, plus extra modules', () => {
    expect(modulesForConfig(undefined)).toEqual({ required: ['scst'], optional: [], needsIscsiDaemon: false });
    expect(modulesForConfig(emptyConfig(), ['scst-user']).required).toEqual(['scst', 'scst_user']);
  });

  it('puts dependencies first whatever order they were asked in', () => {
    expect(loadOrder(['isert_scst'])).toEqual(['scst', 'iscsi_scst', 'isert_scst']);
    expect(loadOrder(['iscsi_scst', 'scst_vdisk', 'scst'])).toEqual(['scst', 'scst_vdisk', 'iscsi_scst']);
    expect(loadOrder(['my_driver'])).toEqual(['scst', 'my_driver']);
  });

  it('unloads users before what they use, only the modules asked for', () => {
    expect(unloadOrder(['scst', 'iscsi_scst', 'isert_scst'])).toEqual(['isert_scst', 'iscsi_scst', 'scst']);
    expect(unloadOrder(['scst_vdisk'])).toEqual(['scst_vdisk']);
    const all = allScstModulesUnloadOrder();
    expect(all.at(-1)).toBe('scst');
    expect(all.indexOf('isert_scst')).toBeLessThan(all.indexOf('iscsi_scst'));
    expect(all).not.toContain('crc32c');
  });
});
