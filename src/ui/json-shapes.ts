/** The JSON of list-devices and list-targets (rows of lists.ts). */
import { bool, int, list, nullable, obj, str, type JsonShape } from '../meta/json-shape.js';

const LUN_REF = obj({ driver: str(), target: str(), lun: int() }, { group: str('absent: the target\'s default LUNs') });

export const DEVICES_SHAPE: JsonShape = obj({
  devices: list(obj({
    name: str(), handler: str(), size: nullable(int('bytes')), filename: nullable(str('backing file or block device; vcdrom: the media')),
    readOnly: bool(), exports: list(LUN_REF),
  })),
});

export const TARGETS_SHAPE: JsonShape = obj({
  targets: list(obj({
    driver: str(), name: str(), enabled: nullable(bool('null: the driver\'s targets have no enabled')), hardware: bool(),
    luns: int('LUNs of the default set'), groups: list(str()), sessions: int(),
  })),
});
