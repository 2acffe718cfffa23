/** Where doctor's facts come from on a running product: the live reader, the parser, the planner. */
import { readLive } from '../../live/index.js';
import type { Host } from '../host.js';
import { readServiceConfig } from '../service-config.js';
import { hostDrift } from '../host-drift.js';
import type { FactSources } from './facts.js';

export const productSources: FactSources = {
  readLive: (host: Host) => host.kernel.inspect((sysfs) => readLive(sysfs)),
  readConfig: readServiceConfig,
  drift: hostDrift,
};
