/**
 * What SCST means by an errno, per kind of file and mgmt verb. Taken from the recordings of a
 * real kernel (conformance/*.jsonl, the log lines of each failure) and spec scst-sysfs §3, §6,
 * §9: "not found" is mostly EINVAL, ENOENT mostly a missing backing file or iSCSI target, etc.
 * The first matching rule wins; `verb` matches the first word of a mgmt write.
 */
import type { Errno } from './types.js';

export type FileKind = 'handlerMgmt' | 'driverMgmt' | 'lunsMgmt' | 'groupsMgmt' | 'initiatorsMgmt' | 'aluaMgmt' | 'attribute';

export interface ErrnoRule {
  errno: Errno;
  kind?: FileKind;
  verb?: RegExp;
  /** Only for paths under this prefix (e.g. the iSCSI driver). */
  under?: string;
  /** Only when the failure came from open(2) (true) or from write(2) (false). */
  atOpen?: boolean;
  /** Only for paths matching this (the whole path, relative to the SCST root). */
  path?: RegExp;
  /** Only when a kernel log line of the failure matches this. */
  log?: RegExp;
  sentence: string;
  hint?: string;
}

const DAEMON_HINT = 'start it: scstadmin-ts daemon start';
const DAEMON_TIMEOUT = 'the iSCSI daemon did not answer within 31 s (is iscsi-scstd stopped?)';
const DAEMON_STATUS_HINT = 'check it: scstadmin-ts daemon status';

/**
 * Writes under targets/iscsi that the kernel forwards to iscsi-scstd (spec §6.1): the mgmt verbs,
 * the daemon-created driver attributes, and per target `enabled`, the CamelCase iSCSI parameters
 * and the daemon's lowercase ones. LUNs, initiator groups, sessions and the core target
 * attributes are the kernel's own, so their EBUSY never means the daemon timed out.
 */
const DAEMON_SERVED =
  /^targets\/iscsi\/(mgmt|enabled|iSNSServer|isns_entity_name|link_local|internal_portal|(IncomingUser|OutgoingUser)\d*|[^/]+\/(enabled|[A-Z][A-Za-z]*\d*|allowed_portal\d*|per_portal_acl|redirect|alias))$/;

export const ERRNO_RULES: readonly ErrnoRule[] = [
  // iSCSI: the daemon serves nearly everything (spec §6.1).
  { errno: 'EPERM', under: 'targets/iscsi', sentence: 'the iSCSI daemon iscsi-scstd is not running ("User space process is not connected")', hint: DAEMON_HINT },
  // EBUSY: the kernel's log line is the only sure sign of a daemon timeout (recorded after ~32 s);
  // without it, the verb and file say which of the kernel's own refusals it was.
  { errno: 'EBUSY', under: 'targets/iscsi', log: /Timeout waiting for user space event/i, sentence: DAEMON_TIMEOUT, hint: DAEMON_STATUS_HINT },
  { errno: 'EBUSY', kind: 'driverMgmt', verb: /^del_target$/i, sentence: 'initiators are logged in to the target', hint: 'disable the target and close its sessions first (write 1 to each session\'s force_close)' },
  { errno: 'EBUSY', kind: 'groupsMgmt', sentence: 'sessions are using this initiator group', hint: 'close the sessions first, or move their initiators to another group' },
  { errno: 'EBUSY', path: DAEMON_SERVED, sentence: DAEMON_TIMEOUT, hint: DAEMON_STATUS_HINT },
  { errno: 'EEXIST', kind: 'driverMgmt', verb: /^add_target$/i, sentence: 'a target with this name already exists (iSCSI compares names without regard to case)' },
  { errno: 'EEXIST', kind: 'driverMgmt', verb: /attribute$/i, sentence: 'an OutgoingUser is already set; delete it before adding another', hint: 'del_target_attribute … OutgoingUser NAME, then add the new one' },
  { errno: 'ENOENT', kind: 'driverMgmt', verb: /^(del_target|add_target_attribute)$/i, sentence: 'no such target' },
  { errno: 'ENOENT', kind: 'driverMgmt', verb: /^del_(target_)?attribute$/i, sentence: 'no such target, or no such user to delete' },
  { errno: 'EINVAL', kind: 'driverMgmt', verb: /attribute$/i, sentence: 'the attribute was refused: a CHAP secret needs at least 12 characters, a user or portal may be listed once, and only the attributes the driver lists are allowed' },
  { errno: 'EINVAL', kind: 'driverMgmt', verb: /^add_target$/i, sentence: 'the target name or one of its parameters was refused' },
  { errno: 'EINVAL', kind: 'driverMgmt', verb: /_session$/i, sentence: 'no such target or session' },
  { errno: 'ECONNREFUSED', under: 'targets/iscsi', sentence: 'no iSNS server answered at that address' },
  // Devices (spec §3.1, §5.3).
  { errno: 'EEXIST', kind: 'handlerMgmt', sentence: 'a device with this name already exists (all vdisk handlers share one name space)' },
  { errno: 'ENOENT', kind: 'handlerMgmt', sentence: 'the backing file or block device does not exist, or the persistent-reservation directory /var/lib/scst/pr is missing' },
  { errno: 'ENOTBLK', kind: 'handlerMgmt', sentence: 'the backing path is not a block device (vdisk_blockio needs one; use vdisk_fileio for a file)' },
  { errno: 'EINVAL', kind: 'handlerMgmt', verb: /^del_device$/i, sentence: 'no such device' },
  { errno: 'EINVAL', kind: 'handlerMgmt', sentence: 'the device was refused: a bad name (no "." or "/", at most 64 characters), an unknown or malformed parameter, or a backing path that is neither a file nor a block device' },
  // LUN sets (spec §3.4).
  { errno: 'EEXIST', kind: 'lunsMgmt', sentence: 'this LUN number is already used in this LUN set' },
  { errno: 'EINVAL', kind: 'lunsMgmt', verb: /^del$/i, sentence: 'no such LUN in this LUN set' },
  { errno: 'EINVAL', kind: 'lunsMgmt', sentence: 'no such device, a LUN number outside 0-16383, or an unknown parameter' },
  // Initiator groups and initiators (spec §3.5, §3.6).
  { errno: 'EEXIST', kind: 'groupsMgmt', sentence: 'an initiator group with this name already exists' },
  { errno: 'EINVAL', kind: 'groupsMgmt', verb: /^del$/i, sentence: 'no such initiator group' },
  { errno: 'EEXIST', kind: 'initiatorsMgmt', verb: /^move$/i, sentence: 'the destination group already holds this initiator' },
  { errno: 'EEXIST', kind: 'initiatorsMgmt', sentence: 'the initiator is already in this group' },
  { errno: 'EINVAL', kind: 'initiatorsMgmt', verb: /^move$/i, sentence: 'the initiator is not in this group, or the destination group does not exist' },
  { errno: 'EINVAL', kind: 'initiatorsMgmt', verb: /^del$/i, sentence: 'the initiator is not in this group' },
  // ALUA (spec §3.7).
  { errno: 'EEXIST', kind: 'aluaMgmt', sentence: 'already exists (a device belongs to one device group only, a target to one target group of a device group)' },
  { errno: 'EINVAL', kind: 'aluaMgmt', verb: /^del$/i, sentence: 'no such member or group' },
  { errno: 'EINVAL', kind: 'aluaMgmt', sentence: 'the name or value was refused (group_id 1-65535, state one of active, nonoptimized, standby, unavailable, offline, transitioning)' },
  // Attributes (spec §0.3, §2.5).
  { errno: 'EACCES', kind: 'attribute', atOpen: true, sentence: 'the attribute is read-only; it can only be set when the object is created' },
  { errno: 'ENOENT', kind: 'attribute', atOpen: true, sentence: 'no such attribute or object' },
  { errno: 'EBADSLT', sentence: 'this rel_tgt_id is used by another enabled target' },
  { errno: 'EBUSY', kind: 'attribute', sentence: 'the device or target is in use' },
  { errno: 'EINVAL', kind: 'attribute', sentence: 'SCST refused the value' },
  { errno: 'EMEDIUMTYPE', sentence: 'the backing store is not open (device inactive or without medium)' },
];

export const GENERIC_SENTENCES: Partial<Record<Errno, string>> = {
  EPERM: 'operation not permitted',
  ENOENT: 'no such object',
  EACCES: 'permission denied',
  EBUSY: 'the object is busy',
  EEXIST: 'already exists',
  EINVAL: 'SCST rejected the command or value',
  EAGAIN: 'SCST is still working on it',
  ENOTBLK: 'not a block device',
  EBADSLT: 'relative target id already used by another enabled target',
  ERANGE: 'number out of range',
  ECONNREFUSED: 'connection refused',
  EIO: 'I/O error',
  ENOMEM: 'out of memory',
  EMEDIUMTYPE: 'no medium (backing store not open)',
  EISDIR: 'is a directory, not an attribute',
  ENOTDIR: 'not a directory',
  ETIMEDOUT: 'timed out',
};
