import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Host, LoadedModule, ModuleControl } from '../../src/system/host.js';
import { hostPaths } from '../../src/system/paths.js';
import { checkModuleNames, loadModules, unloadModules } from '../../src/system/module-manager.js';

/** Modules in memory: `busy` modules refuse to unload that many times; `missing` are not installed. */
class MemoryModules implements ModuleControl {
  calls: string[] = [];
  /** Alias → modules (modules.alias); `removes`: what else `unload` of a module takes along (modprobe -r). */
  aliases: Record<string, string[]> = {};
  removes: Record<string, string[]> = {};
  constructor(public loadedNames: string[], private busy: Record<string, number> = {}, private missing: string[] = []) {}
  async resolve(name: string): Promise<string[]> {
    return this.aliases[name] ?? [name];
  }
  async installed(name: string): Promise<boolean> {
    return !this.missing.includes(name);
  }
  async loaded(): Promise<LoadedModule[]> {
    return this.loadedNames.map((name) => ({ name, usedBy: [] }));
  }
  async load(name: string): Promise<void> {
    this.calls.push(`load ${name}`);
    if (this.missing.includes(name)) throw new UserError('not installed', { object: `module ${name}` });
    this.loadedNames.push(name);
  }
  async unload(name: string): Promise<void> {
    this.calls.push(`unload ${name}`);
    if ((this.busy[name] ?? 0) > 0) {
      this.busy[name]!--;
      throw new UserError('in use', { object: `module ${name}` });
    }
    const gone = [name, ...(this.removes[name] ?? [])];
    this.loadedNames = this.loadedNames.filter((m) => !gone.includes(m));
  }
}

function hostWith(modules: ModuleControl): Host {
  return { kind: 'real', paths: hostPaths({}), modules } as unknown as Host;
}

describe('loading and unloading module sets', () => {
  it('loads dependencies first, skips loaded ones, and tolerates optional failures', async () => {
    const modules = new MemoryModules(['scst'], {}, ['crc32c']);
    const steps = await loadModules(hostWith(modules), ['isert_scst'], ['crc32c']);
    expect(steps).toEqual([
      { module: 'crc32c', action: 'skipped', reason: 'not installed' },
      { module: 'scst', action: 'already-loaded' },
      { module: 'iscsi_scst', action: 'loaded' },
      { module: 'isert_scst', action: 'loaded' },
    ]);
    expect(modules.calls).toEqual(['load crc32c', 'load iscsi_scst', 'load isert_scst']);
  });

  it('takes an alias as loaded when a module it resolves to is (crc32c is crc32c_generic)', async () => {
    const modules = new MemoryModules(['scst', 'iscsi_scst', 'crc32c_generic']);
    modules.aliases.crc32c = ['crc32c_generic', 'crc32c_intel'];
    const steps = await loadModules(hostWith(modules), ['iscsi_scst'], ['crc32c']);
    expect(steps).toEqual([
      { module: 'crc32c', action: 'already-loaded' },
      { module: 'scst', action: 'already-loaded' },
      { module: 'iscsi_scst', action: 'already-loaded' },
    ]);
    expect(modules.calls).toEqual([]);
  });

  it('reports a dependency modprobe -r took along as unloaded (scst goes with its last handler)', async () => {
    const modules = new MemoryModules(['scst', 'scst_vdisk', 'iscsi_scst']);
    modules.removes.scst_vdisk = ['scst'];
    const steps = await unloadModules(hostWith(modules), ['scst', 'scst_vdisk', 'iscsi_scst', 'scst_local'], { attempts: 1, retryDelayMs: 0 });
    expect(steps.map((s) => `${s.module} ${s.action}`)).toEqual(['scst_local not-loaded', 'iscsi_scst unloaded', 'scst_vdisk unloaded', 'scst unloaded']);
    expect(modules.calls).toEqual(['unload iscsi_scst', 'unload scst_vdisk']);
  });

  it('stops at the first required module that fails, having loaded those before it', async () => {
    const modules = new MemoryModules([], {}, ['scst_vdisk']);
    await expect(loadModules(hostWith(modules), ['scst', 'scst_vdisk', 'iscsi_scst'])).rejects.toThrow('not installed');
    expect(modules.loadedNames).toEqual(['scst']);
  });

  it('unloads users first and retries a busy module until it goes', async () => {
    const modules = new MemoryModules(['scst', 'scst_vdisk', 'iscsi_scst'], { scst_vdisk: 2 });
    const steps = await unloadModules(hostWith(modules), ['scst', 'scst_vdisk', 'iscsi_scst', 'scst_local'], { attempts: 3, retryDelayMs: 0 });
    expect(steps.map((s) => `${s.module} ${s.action}`)).toEqual(['scst_local not-loaded', 'iscsi_scst unloaded', 'scst_vdisk unloaded', 'scst unloaded']);
    expect(modules.calls.filter((c) => c === 'unload scst_vdisk')).toHaveLength(3);
  });

  it('gives up after the bounded attempts and leaves what it uses loaded', async () => {
    const modules = new MemoryModules(['scst', 'scst_vdisk'], { scst_vdisk: 99 });
    await expect(unloadModules(hostWith(modules), ['scst', 'scst_vdisk'], { attempts: 4, retryDelayMs: 0 }))
      .rejects.toMatchObject({ object: 'module scst_vdisk', code: 'MODULE_BUSY', message: 'still in use after 4 attempts' });
    expect(modules.loadedNames).toEqual(['scst', 'scst_vdisk']);
    expect(modules.calls).not.toContain('unload scst');
  });

  it('accepts SCST modules (dashes or underscores) and listed extras, refuses the rest', () => {
    expect(checkModuleNames(['iscsi-scst', 'scst_vdisk'])).toEqual(['iscsi_scst', 'scst_vdisk']);
    expect(checkModuleNames(['my_target'], ['my_target'])).toEqual(['my_target']);
    expect(() => checkModuleNames(['nvmet'])).toThrow(expect.objectContaining({ exitCode: 2, code: 'UNKNOWN_MODULE' }));
    expect(() => checkModuleNames(['scst\nx'])).toThrow(expect.objectContaining({ exitCode: 2, code: 'BAD_MODULE_NAME' }));
  });
});

describe('a module held by another module', () => {
  it('fails at once, naming the holder, instead of retrying', async () => {
    class Held extends MemoryModules {
      override async loaded(): Promise<LoadedModule[]> {
        return this.loadedNames.map((name) => ({ name, usedBy: name === 'scst' && this.loadedNames.includes('scst_vdisk') ? ['scst_vdisk'] : [] }));
      }
    }
    const modules = new Held(['scst', 'scst_vdisk'], { scst: 99 });
    await expect(unloadModules(hostWith(modules), ['scst'], { attempts: 30, retryDelayMs: 0 }))
      .rejects.toMatchObject({ object: 'module scst', message: 'used by scst_vdisk', hint: expect.stringContaining('unload scst_vdisk first') });
    expect(modules.calls).toEqual(['unload scst']);
  });
});
