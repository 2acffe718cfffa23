/**
 * What one single-object change is, as the edit engine (engine.ts) runs it: the part of the
 * live tree it reads, the checks it makes on what it read, and the change itself as an edit of a
 * model. The same edit is made to a copy of the live model (the planner turns the difference into
 * ops) and to the config file's model (the format-preserving update saves it), so the host and
 * the file cannot disagree about what the command did.
 */
import type { PathKind } from '../conf/check.js';
import type { ScstConfig } from '../model/types.js';
import type { Op } from '../plan/index.js';
import type { Sysfs } from '../sysfs/types.js';

/** A target and the parts of it a change needs; everything not named is not read. */
export interface TargetScope {
  driver: string;
  target: string;
  /** LUN numbers read in the default set (none when omitted; `all` for the commands that change a
   *  whole set, whose cost grows with it by nature). */
  luns?: number[] | 'all';
  /** LUN numbers read in the set of each group read (likewise). */
  groupLuns?: number[] | 'all';
  /** Initiator groups read (none when omitted; `all` to remove the target with everything in it). */
  groups?: string[] | 'all';
  /** Read the target's sessions (who is logged in, which LUNs they see). */
  sessions?: boolean;
}

/**
 * The part of the live tree a change reads. Every field names objects, never "all of them", so
 * a change costs the same sysfs calls on a host of 10 objects as of 10 000.
 */
export interface EditScope {
  /** Devices read whole, with their handler; a device that does not exist is not in the model. */
  devices?: string[];
  /** Handlers read without their devices (creation parameters, attributes). */
  handlers?: string[];
  /** Target drivers read with their attributes, without targets. */
  drivers?: string[];
  targets?: TargetScope[];
  /** ALUA device groups read whole (their target groups are few). */
  deviceGroups?: string[];
}

/** What `prepare` may do besides looking at the model: read more, list a directory. */
export interface PrepareContext {
  sysfs: Sysfs;
  /** Reads another part of the tree into the live model (e.g. the LUN a device is exported as). */
  read(scope: EditScope): Promise<void>;
  /** The command's --force. */
  force: boolean;
  /** What a backing-file path is on the host SCST runs on (the emulated host's own files). */
  statPath(path: string): PathKind;
}

export type EditKind = 'add' | 'remove' | 'set';

/** A change decided against the live state. */
export interface Prepared {
  kind: EditKind;
  /** The object in words, as messages name it: `LUN 0 of iscsi/iqn.…`, `device disk1`. */
  object: string;
  /** The object for --json (documented per command). */
  details: Record<string, unknown>;
  /**
   * Makes the change to a model: the live copy, then the file's model. Returns false when the
   * model already is that way (present, absent, set), which is "nothing to do" on the live copy.
   */
  apply(model: ScstConfig): boolean;
  /**
   * Writes that change no configuration and so come from no model difference: `resync_size`,
   * ejecting a vcdrom's media. Built with the planner's op constructors (src/plan/ops.ts) and run
   * by the same executor, after the planned ops.
   */
  triggers?: Op[];
}

export interface Change {
  /** For the lock and the journal: `add-lun iqn.… disk1`. */
  command: string;
  scope: EditScope;
  /**
   * Checks the request against what was read — unknown object, taken LUN, in use without
   * --force: throw an exit-2 UserError naming the object — and decides the change.
   */
  prepare(live: ScstConfig, context: PrepareContext): Promise<Prepared> | Prepared;
}
