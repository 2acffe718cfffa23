/**
 * Kernel modules that SCST's service loads but that add nothing to the SCST tree: the CRC32C
 * digest implementations iSCSI header/data digests use (spec §7.1, loaded as optional modules
 * when iscsi_scst is wanted). Knowing them lets module loading on the emulated host succeed
 * as it does on a real one, instead of the service skipping them as missing.
 */
import { registerModule } from '../module-registry.js';

for (const name of ['crc32c', 'crc32c_intel']) {
  registerModule({ name, requires: [], handlers: [], drivers: [] });
}
