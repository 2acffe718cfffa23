/** Flags shared by start, stop and reload, and how they become service options. */
import { Flags } from '@oclif/core';
import type { Host } from './host.js';
import { readDefaults } from './defaults-file.js';
import { daemonArgs } from './daemon-options.js';
import { serviceConfigFile } from './service-config.js';
import type { ServiceOptions } from './service.js';

export const configFlag = Flags.string({ char: 'c', description: 'configuration file (default /etc/scst.conf, SCST_CONF, or SCST_CONF in /etc/default/scst)' });
export const forceFlag = Flags.boolean({ description: 'allow removing or re-creating what an initiator is using' });
export const daemonTimeoutFlag = Flags.integer({ description: 'seconds to wait for iscsi-scstd to connect or exit', default: 30, min: 1 });
export const attemptsFlag = Flags.integer({ description: 'tries per busy module when unloading, one second apart', default: 30, min: 1 });
export const waitFlag = Flags.integer({ description: 'seconds to wait for another run\'s lock', default: 0, min: 0 });

export async function serviceOptions(host: Host, flags: { config?: string; options?: string; timeout: number; attempts?: number }): Promise<ServiceOptions> {
  const defaults = await readDefaults(host.paths.defaultsFile);
  return {
    configFile: serviceConfigFile(flags.config, defaults),
    extraModules: defaults.targetModules,
    daemonArgs: daemonArgs(defaults, flags.options),
    daemon: { timeoutMs: flags.timeout * 1000 },
    unload: flags.attempts === undefined ? undefined : { attempts: flags.attempts },
  };
}
