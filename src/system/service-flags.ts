/** Flags shared by start, stop and reload, and how they become the host, engine and options of a run. */
import * as Flags from '@oclif/core/flags';
import { openHost, type Host } from './host.js';
import { readDefaults } from './defaults-file.js';
import { daemonArgs } from './daemon-options.js';
import { productEngine } from './engine.js';
import { serviceConfigFile } from './service-config.js';
import type { ConfigEngine, ServiceOptions } from './service.js';
import { integerFlag } from '../cli/integer-flag.js';

export const configFlag = Flags.string({ char: 'c', description: 'configuration file (default /etc/scst.conf, SCST_CONF, or SCST_CONF in /etc/default/scst)' });
export const forceFlag = Flags.boolean({ description: 'allow removing or re-creating what an initiator is using' });
export const daemonTimeoutFlag = integerFlag({ description: 'seconds to wait for iscsi-scstd to connect or exit', helpValue: 'SECONDS', default: 30, min: 1, max: 3600 });
export const attemptsFlag = integerFlag({ description: 'tries per busy module when unloading, one second apart', default: 30, min: 1, max: 3600 });
export const waitFlag = integerFlag({ description: 'seconds to wait for another run\'s lock', helpValue: 'SECONDS', default: 0, min: 0, max: 86_400 });

interface ServiceOptionFlags {
  config?: string;
  options?: string;
  timeout: number;
  attempts?: number;
}

export interface ServiceRunFlags extends ServiceOptionFlags {
  simulate?: string;
  'sysfs-root'?: string;
  wait: number;
}

export interface ServiceRun {
  host: Host;
  engine: ConfigEngine;
  options: ServiceOptions;
}

/**
 * What start, stop and reload each set up before their own step; only the engine's policy
 * differs between them (stop always removes everything, reload prunes only when asked).
 */
export async function prepareServiceRun(flags: ServiceRunFlags, policy: { force: boolean; prune: boolean }, onNotice: (message: string) => void): Promise<ServiceRun> {
  const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
  const engine = productEngine({ ...policy, waitSeconds: flags.wait, simulationFile: flags.simulate, onNotice });
  return { host, engine, options: await serviceOptions(host, flags) };
}

async function serviceOptions(host: Host, flags: ServiceOptionFlags): Promise<ServiceOptions> {
  const defaults = await readDefaults(host.paths.defaultsFile);
  return {
    configFile: serviceConfigFile(flags.config, defaults),
    extraModules: defaults.targetModules,
    daemonArgs: daemonArgs(defaults, flags.options),
    daemon: { timeoutMs: flags.timeout * 1000 },
    unload: flags.attempts === undefined ? undefined : { attempts: flags.attempts },
  };
}
