/**
 * Every kernel module the emulator knows registers itself on import (module-registry.ts).
 * One import line per module file.
 */
import './modules/scst-core.js';
import './modules/plain-modules.js';
import './handlers/vdisk.js';
import './handlers/passthrough.js';
import './drivers/scst-local.js';
import './drivers/iscsi.js';
import './drivers/qla2x00t.js';
import './handlers/scst-user.js';
import './drivers/hardware.js';
