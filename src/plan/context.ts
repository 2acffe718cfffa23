/**
 * The state one planning run shares between its parts: the two models, the options, the facts
 * read from sysfs for values the live model does not carry, the ops collected per phase, the
 * notes for the admin, and what earlier ops of the plan already removed (so that the undo of a
 * cascading delete re-creates only what that delete took away).
 */
import { badInput, type UserError } from '../errors.js';
import type { AttrValues, ScstConfig } from '../model/types.js';
import { LiveIndex } from './live-index.js';
import type { Op } from './ops.js';

/** Where an op lands in the plan: the kernel order of spec scst-conf §6, removals first. */
export const PHASE = {
  suspend: 0,
  removeAlua: 10,
  removeInitiators: 11,
  removeLuns: 12,
  removeGroups: 13,
  removeTargets: 14,
  removeDevices: 15,
  devices: 20,
  handlers: 25,
  targets: 30,
  drivers: 40,
  alua: 50,
  deviceGroups: 60,
  enableTargets: 70,
  enableDrivers: 80,
  core: 90,
  resume: 99,
} as const;

export type Phase = (typeof PHASE)[keyof typeof PHASE];

export interface PlanOptions {
  /** Remove what the host has and the file does not. */
  prune?: boolean;
  /**
   * Read and report what the host has beyond the file even without --prune (plan, diff): values
   * the file does not mention are then shown as left alone. Without it and without --prune only
   * what the file names is read, as nothing else would be written.
   */
  drift?: boolean;
  /** Allow removing or re-creating what an initiator is using, and re-creating devices. */
  force?: boolean;
  /** Suspend I/O around the plan: seconds (kernel timeout), `false` never, undefined = automatic. */
  suspend?: number | false;
  /** Automatic suspend when at least this many LUN/group/initiator ops are planned (default 32). */
  suspendThreshold?: number;
}

export const DEFAULT_SUSPEND_THRESHOLD = 32;
export const DEFAULT_SUSPEND_SECONDS = 30;

/** Something the plan did not do, and why. */
export interface PlanWarning {
  object: string;
  message: string;
}

export interface PlanNote {
  /** `kept`: on the host but not in the file (--prune removes it); `held`: needs --force. */
  kind: 'kept' | 'held';
  object: string;
  message: string;
}

/** What sysfs says about one attribute file the live model did not carry. */
export interface AttributeFact {
  /** Undefined when the file exists but cannot be read (write-only). */
  value: string | undefined;
  /** The file carries SCST's `[key]` marker (set explicitly or differs from its default). */
  key: boolean;
}

/** Path → fact; `null` when the file does not exist. */
export type Facts = Map<string, AttributeFact | null>;

export interface FactRequest {
  path: string;
  object: string;
  attribute: string;
}

export class PlanContext {
  readonly buckets = new Map<number, Op[]>();
  readonly notes: PlanNote[] = [];
  readonly warnings: PlanWarning[] = [];
  readonly requests = new Map<string, FactRequest>();
  /** `set#lun` keys of LUNs this plan deletes explicitly, or that go with a deleted group/target. */
  readonly goneLuns = new Set<string>();
  /** `set#lun` keys of LUNs dropped by re-creating their device, to be mapped again. */
  readonly cascadedLuns = new Set<string>();
  /** Device-group memberships (`dgroup#device`) removed by the plan or by a device re-create. */
  readonly goneMemberships = new Set<string>();
  readonly cascadedMemberships = new Set<string>();
  /** Devices this plan creates or re-creates (copy_manager maps them by itself). */
  readonly createdDevices = new Set<string>();
  /** Why the file cannot be applied to this host; thrown together once planning ends. */
  readonly problems: UserError[] = [];
  readonly index: LiveIndex;

  constructor(
    readonly desired: ScstConfig,
    readonly live: ScstConfig,
    readonly options: PlanOptions,
    readonly facts: Facts,
  ) {
    this.index = new LiveIndex(live);
  }

  problem(object: string, message: string, hint?: string): void {
    this.problems.push(badInput(message, { object, hint, code: 'PLAN_CONFLICT' }));
  }

  warn(object: string, message: string): void {
    this.warnings.push({ object, message });
  }

  add(phase: Phase, ...ops: Op[]): void {
    let bucket = this.buckets.get(phase);
    if (!bucket) this.buckets.set(phase, (bucket = []));
    bucket.push(...ops);
  }

  ops(): Op[] {
    return [...this.buckets.keys()].sort((a, b) => a - b).flatMap((phase) => this.buckets.get(phase) ?? []);
  }

  kept(object: string, message: string): void {
    this.notes.push({ kind: 'kept', object, message });
  }

  /** Run `op` only with --force; otherwise keep a note saying why it was held back. */
  forced(phase: Phase, reason: string | undefined, ...ops: Op[]): boolean {
    if (reason === undefined) {
      this.add(phase, ...ops);
      return true;
    }
    if (!this.options.force) {
      // Name the op that matters (the delete after a disable and session closes).
      const main = ops.find((o) => o.destructive && o.kind !== 'close_session') ?? ops[0];
      if (main) this.notes.push({ kind: 'held', object: main.object, message: `${main.summary}: ${reason}` });
      return false;
    }
    this.add(phase, ...ops.map((o) => ({ ...o, force: reason })));
    return true;
  }

  /**
   * The live value of an attribute: from the facts read for this plan, else from the live model.
   * When neither knows it, the plan asks for the file to be read (and assumes "unset" for now).
   */
  liveValue(path: string, object: string, attributes: AttrValues | undefined, attribute: string): string | undefined {
    if (this.facts.has(path)) return this.facts.get(path)?.value;
    const values = attributes?.[attribute];
    if (values && values.length > 0) return values[0];
    this.requests.set(path, { path, object, attribute });
    return undefined;
  }

  /** Whether a live attribute carries `[key]`; asks for the file when not known yet. */
  liveIsKey(path: string, object: string, attribute: string): boolean {
    if (this.facts.has(path)) return this.facts.get(path)?.key ?? false;
    this.requests.set(path, { path, object, attribute });
    return false;
  }

  /** The fact says the file does not exist (the object has no such attribute). */
  missingFile(path: string): boolean {
    return this.facts.has(path) && this.facts.get(path) === null;
  }
}

export function lunKey(driver: string, target: string, group: string | undefined, lun: number): string {
  return `${driver}\u0000${target}\u0000${group ?? ''}\u0000${lun}`;
}

export function membershipKey(dgroup: string, device: string): string {
  return `${dgroup}\u0000${device}`;
}
