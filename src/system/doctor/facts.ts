/**
 * Everything doctor looks at, gathered once: the modules, the daemon, the live tree, the
 * configuration file (and its permissions), the drift between the two, and the backing
 * stores of devices. Checks are then pure functions of these facts, easy to test one by one.
 */
import { stat } from 'node:fs/promises';
import type { ScstConfig } from '../../model/types.js';
import type { Host } from '../host.js';
import { readDaemonConnection, type DaemonConnection } from '../iscsi-connection.js';
import type { BackingStore } from '../storage.js';
import { isScstUp, loadedModuleNames } from '../scst-state.js';
import type { HostDrift } from '../host-drift.js';

export interface ConfigFacts {
  file: string;
  /** Undefined when the file is missing or does not parse. */
  config?: ScstConfig;
  missing?: boolean;
  /** Why the file could not be used. */
  error?: string;
  /** Permission bits of the file. */
  mode?: number;
}

export type DriftFacts = HostDrift;

export interface DoctorFacts {
  loadedModules: Set<string>;
  /** The SCST sysfs root is there (scst loaded and the tree visible). */
  scstLoaded: boolean;
  daemon: DaemonConnection;
  /** The daemon's process is stopped (SIGSTOP): connected, but it answers nothing. */
  daemonStopped: boolean;
  live?: ScstConfig;
  config: ConfigFacts;
  drift?: DriftFacts;
  /** Backing store of every filename the live tree or the file names. */
  stores: Map<string, BackingStore | undefined>;
}

export interface FactSources {
  readLive(host: Host): Promise<ScstConfig>;
  readConfig(file: string): Promise<ScstConfig | undefined>;
  /** The writes `apply` would make, or why none can be planned; `live`: the tree as read already. */
  drift(host: Host, desired: ScstConfig, live?: ScstConfig): Promise<DriftFacts>;
}

export async function gatherFacts(host: Host, configFile: string, sources: FactSources): Promise<DoctorFacts> {
  const loadedModules = await loadedModuleNames(host);
  const scstLoaded = await isScstUp(host, loadedModules);
  const daemon = await host.kernel.inspect(readDaemonConnection);
  const daemonStopped = daemon === 'connected' && (await host.daemon.process()).stopped === true;
  const live = scstLoaded ? await sources.readLive(host) : undefined;
  const config = await configFacts(configFile, sources);
  let drift: DriftFacts | undefined;
  if (scstLoaded && config.config) drift = await sources.drift(host, config.config, live);
  const stores = await host.storage.lookupAll(backingPaths(live, config.config));
  return { loadedModules, scstLoaded, daemon, daemonStopped, live, config, drift, stores };
}

async function configFacts(file: string, sources: FactSources): Promise<ConfigFacts> {
  const facts: ConfigFacts = { file };
  try {
    facts.config = await sources.readConfig(file);
  } catch (error) {
    facts.error = (error as Error).message;
  }
  // Only the default file may be absent (the reader then gives nothing and no error).
  if (!facts.config && facts.error === undefined) facts.missing = true;
  else facts.mode = await stat(file).then((st) => st.mode & 0o7777, () => undefined);
  return facts;
}

/** The `filename` of every device in either configuration. */
function backingPaths(...configs: Array<ScstConfig | undefined>): string[] {
  const paths = new Set<string>();
  for (const config of configs) {
    for (const handler of Object.values(config?.handlers ?? {})) {
      for (const device of Object.values(handler.devices)) {
        const filename = device.attributes.filename?.at(-1);
        if (filename) paths.add(filename);
      }
    }
  }
  return [...paths];
}
