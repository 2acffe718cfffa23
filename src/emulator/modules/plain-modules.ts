/**
 * Kernel modules that SCST's service loads but that add nothing to the SCST tree: the CRC32C
 * digest implementations iSCSI header/data digests use (spec §7.1, loaded as optional modules
 * when iscsi_scst is wanted). Knowing them lets module loading on the emulated host succeed
 * as it does on a real one, instead of the service skipping them as missing.
 */
import { registerModule } from '../module-registry.js';

// As on a real host, `crc32c` is not a module but an alias: modprobe loads crc32c_generic for
// it, and /proc/modules lists crc32c_generic (and crc32c_intel where the CPU has SSE4.2).
for (const name of ['crc32c_generic', 'crc32c_intel']) {
  registerModule({ name, requires: [], aliases: ['crc32c'], handlers: [], drivers: [] });
}
