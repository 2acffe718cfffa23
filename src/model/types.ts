/**
 * The SCST configuration as plain typed data. Parsers (scst.conf, ietd.conf, flags, wizard)
 * produce it as the *desired* state; the live reader produces it from sysfs as the *live*
 * state; the planner diffs two of them; the serializer writes one out. JSON-friendly on purpose:
 * `show --json` prints it as it is.
 *
 * Conventions:
 * - Object collections are records keyed by the object's name (SCST names are case-sensitive).
 *   Build them with `dict()` so a name such as `constructor` is an ordinary key.
 * - Attribute values are lists of strings: one entry per value, so multi-valued attributes
 *   (`IncomingUser`, `allowed_portal`) and single-valued ones share one shape. Values are the
 *   text SCST shows or takes, never numbers (`0x0`, `010` and `8` are different texts).
 * - `attributes` hold what scstadmin would save or the file sets: key attributes, creation
 *   parameters, and `enabled` where the object has it (kept in its own field, not here).
 * - Fields marked "live" are filled only by the live reader; parsers leave them undefined.
 */

export type AttrValues = Record<string, string[]>;

export interface ScstConfig {
  /** SCST core attributes (files in the SCST root: setup_id, threads, …). */
  attributes: AttrValues;
  handlers: Record<string, Handler>;
  drivers: Record<string, TargetDriver>;
  /** Attributes of the `device_groups` directory itself (`ALUA { }` in scst.conf). */
  alua: AttrValues;
  deviceGroups: Record<string, DeviceGroup>;
  /** Live: facts about the running SCST, such as its version. */
  live?: LiveInfo;
}

export interface LiveInfo {
  version?: string;
  /** Loaded handlers and drivers are the keys of `handlers`/`drivers`; these are SCSI devices
   *  of the host that pass-through handlers may bind (devices/H:C:I:L without a handler). */
  unboundScsiDevices?: string[];
  /** Files the live reader could not read (e.g. a stale iSCSI OutgoingUser reads EINVAL). */
  unreadable?: Array<{ path: string; errno: string }>;
  /**
   * Attributes were read only where a plan named them (readLive's `attributes` option): an
   * attribute missing from the model is unknown, not at its default.
   */
  partial?: boolean;
}

export interface Handler {
  name: string;
  /** Handler attributes (e.g. trace_level is never kept). */
  attributes: AttrValues;
  devices: Record<string, Device>;
  /** Live: the handler's creation parameters, from its mgmt help text. */
  createParams?: string[];
  /** Live: the SCSI type line, e.g. `0 - Direct-access device (e.g., magnetic disk)`. */
  type?: string;
}

export interface Device {
  name: string;
  handler: string;
  /** Creation parameters and key attributes, e.g. filename, blocksize, t10_dev_id, usn. */
  attributes: AttrValues;
  /** Live: size in bytes when SCST reports one. */
  size?: number;
  /** Live: where the device is exported (copy_manager entries left out). */
  exports?: LunRef[];
}

export interface LunRef {
  driver: string;
  target: string;
  /** Absent for the target's default LUN set. */
  group?: string;
  lun: number;
}

export interface TargetDriver {
  name: string;
  /** `enabled` of the driver; undefined when the driver has no such attribute or the file is silent. */
  enabled?: boolean;
  /** Driver attributes, including dynamic ones (iSCSI discovery IncomingUser/OutgoingUser). */
  attributes: AttrValues;
  targets: Record<string, Target>;
  /** Live: the driver can create targets (its mgmt file is writable). */
  virtual?: boolean;
  /** Live: creation parameters and dynamic attribute names from the driver's mgmt help. */
  createParams?: string[];
  dynamicDriverAttributes?: string[];
  dynamicTargetAttributes?: string[];
  /** Live (iSCSI): whether the user-space daemon is connected (open_state and its files). */
  daemon?: 'connected' | 'absent';
}

export interface Target {
  name: string;
  /** A hardware target: must already exist, never created or deleted (HW_TARGET). */
  hardware?: boolean;
  enabled?: boolean;
  /** Target attributes: core (rel_tgt_id, comment, …), driver (HeaderDigest, …), dynamic
   *  (IncomingUser, OutgoingUser, allowed_portal) and creation parameters (session_name). */
  attributes: AttrValues;
  /** The default LUN set, keyed by LUN number. */
  luns: Record<string, Lun>;
  groups: Record<string, IniGroup>;
  /** Live: logged-in sessions. */
  sessions?: Session[];
}

export interface Lun {
  lun: number;
  device: string;
  /** LUN creation parameters (read_only). */
  attributes: AttrValues;
}

export interface IniGroup {
  name: string;
  attributes: AttrValues;
  luns: Record<string, Lun>;
  /** Initiator names or patterns (`*`, `?`, leading `!`), in the order SCST matches them. */
  initiators: string[];
}

export interface Session {
  name: string;
  initiator: string;
  /** The ini group whose LUNs the session sees; undefined for the default set. */
  group?: string;
  luns: number[];
  /** iSCSI: the initiator addresses of the connections. */
  addresses?: string[];
}

export interface DeviceGroup {
  name: string;
  attributes: AttrValues;
  devices: string[];
  targetGroups: Record<string, TargetGroup>;
}

export interface TargetGroup {
  name: string;
  /** group_id, state, preferred. */
  attributes: AttrValues;
  targets: Record<string, TargetGroupMember>;
}

export interface TargetGroupMember {
  name: string;
  /** A port on another node: SCST keeps only its rel_tgt_id. */
  remote?: boolean;
  attributes: AttrValues;
}

/** A record with no prototype, so any SCST name is an ordinary key. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function emptyConfig(): ScstConfig {
  return { attributes: dict(), handlers: dict(), drivers: dict(), alua: dict(), deviceGroups: dict() };
}
