/**
 * The configuration model (types.ts) as show and migrate-iet print it: objects keyed by name,
 * attribute values as lists of strings, the fields marked "live" only where the live reader
 * filled them.
 */
import { bool, int, list, map, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

const ATTRIBUTES = map(list(str()), 'values by attribute name; CHAP secrets masked unless --show-secrets');
const NAMES = list(str());

/** Sysfs files the live reader could not read (LiveInfo's unreadable). */
export const UNREADABLE_SHAPE: JsonShape = list(obj({ path: str(), errno: str() }), 'sysfs files that could not be read: what they hold is missing');

const LUN = obj({ lun: int(), device: str(), attributes: ATTRIBUTES });
const LUNS = map(LUN, 'by LUN number');

const TARGET = obj(
  {
    name: str(), attributes: ATTRIBUTES, luns: LUNS,
    groups: map(obj({ name: str(), attributes: ATTRIBUTES, luns: LUNS, initiators: list(str('a name or pattern, in matching order')) }), 'initiator groups by name'),
  },
  {
    hardware: bool('a hardware target: never created or deleted'), enabled: bool(),
    sessions: list(obj(
      { name: str(), initiator: str(), luns: list(int()) },
      { group: str('absent: the default LUNs'), addresses: list(str()) },
    ), 'live: logged-in sessions'),
  },
);

const DRIVER = obj(
  { name: str(), attributes: ATTRIBUTES, targets: map(TARGET, 'by name') },
  {
    enabled: bool(), virtual: bool('live: the driver can create targets'),
    createParams: NAMES, dynamicDriverAttributes: NAMES, dynamicTargetAttributes: NAMES,
    daemon: oneOf(['connected', 'absent'], 'live (iSCSI): the user-space daemon'),
  },
);

const DEVICE = obj(
  { name: str(), handler: str(), attributes: ATTRIBUTES },
  { size: int('live: bytes'), exports: list(obj({ driver: str(), target: str(), lun: int() }, { group: str() }), 'live: where it is exported') },
);

const HANDLER = obj(
  { name: str(), attributes: ATTRIBUTES, devices: map(DEVICE, 'by name') },
  { createParams: NAMES, type: str('live: the SCSI type line') },
);

const DEVICE_GROUP = obj({
  name: str(), attributes: ATTRIBUTES, devices: NAMES,
  targetGroups: map(obj({
    name: str(), attributes: ATTRIBUTES,
    targets: map(obj({ name: str(), attributes: ATTRIBUTES }, { remote: bool('a port on another node') }), 'by name'),
  }), 'by name'),
});

/** ScstConfig. */
export const CONFIG_SHAPE: JsonShape = obj(
  {
    attributes: ATTRIBUTES, handlers: map(HANDLER, 'by name'), drivers: map(DRIVER, 'by name'),
    alua: ATTRIBUTES, deviceGroups: map(DEVICE_GROUP, 'by name'),
  },
  {
    live: obj({}, {
      version: str(), unboundScsiDevices: NAMES,
      unreadable: UNREADABLE_SHAPE, partial: bool('attributes were read only where named'),
    }, 'live: facts about the running SCST'),
  },
);
