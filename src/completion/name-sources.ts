/**
 * Where each kind of object named by the argument convention (`target`, `device`, `lun`, …)
 * lives in the SCST tree, as plain data: the directories that list its names, as path
 * templates whose `{placeholders}` are filled from the words typed (`{driver}` defaults to
 * iscsi), and which entries of such a directory are names. One table serves the TypeScript
 * reader (live-names.ts), the generated shell scripts (which list the directory themselves)
 * and the emulator's names index, so the three cannot disagree.
 */

/** Which entries of a listed directory are names: the rest are attributes and `mgmt`. */
export type NameFilter =
  /**
   * every entry: the directory holds the objects' directories and nothing else (devices,
   * handlers, target drivers), so no entry needs a look at its type, the cost that counts when
   * a host has thousands of devices
   */
  | 'entries'
  /** subdirectories (targets, LUNs, groups, sessions… beside attribute files and mgmt) */
  | 'dir'
  /** links or subdirectories (ALUA group members: local targets and devices are links) */
  | 'member'
  /** regular files other than mgmt (an initiator group's initiators) */
  | 'file'
  /** IncomingUser[N] and OutgoingUser[N] files: the name is each file's first word */
  | 'user';

/**
 * The entry types a filter takes from a line of an emulated host's names index
 * (names-index.ts): d directory, l link, f file, u CHAP user name. The shells' scripts match
 * index lines with these (as a bracket expression), the TypeScript reader too.
 */
export const INDEX_TYPES: Readonly<Record<NameFilter, string>> = { entries: 'd', dir: 'd', member: 'dl', file: 'f', user: 'u' };

export function isNameFilter(value: string | undefined): value is NameFilter {
  return value === 'entries' || value === 'dir' || value === 'member' || value === 'file' || value === 'user';
}

export interface NameSource {
  /** Tried in order: the first whose placeholders the typed words all give is listed. */
  dirs: readonly string[];
  filter: NameFilter;
}

/** The driver a target lives under when the command line names none (README: iSCSI first). */
export const DEFAULT_DRIVER = 'iscsi';

/** What the words typed so far can say about where an object lives. */
export const CONTEXT_KEYS = ['driver', 'target', 'group', 'device-group', 'target-group'] as const;
export type NameContext = Partial<Record<(typeof CONTEXT_KEYS)[number], string>>;

const TARGET = 'targets/{driver}/{target}';

export const NAME_SOURCES: Readonly<Record<string, NameSource>> = {
  device: { dirs: ['devices'], filter: 'entries' },
  handler: { dirs: ['handlers'], filter: 'entries' },
  driver: { dirs: ['targets'], filter: 'entries' },
  target: { dirs: ['targets/{driver}'], filter: 'dir' },
  session: { dirs: [`${TARGET}/sessions`], filter: 'dir' },
  group: { dirs: [`${TARGET}/ini_groups`], filter: 'dir' },
  lun: { dirs: [`${TARGET}/ini_groups/{group}/luns`, `${TARGET}/luns`], filter: 'dir' },
  initiator: { dirs: [`${TARGET}/ini_groups/{group}/initiators`], filter: 'file' },
  'device-group': { dirs: ['device_groups'], filter: 'dir' },
  'target-group': { dirs: ['device_groups/{device-group}/target_groups'], filter: 'dir' },
  // A target group's members are links (local targets) or directories (remote ports); a device
  // group's are links to devices.
  member: { dirs: ['device_groups/{device-group}/target_groups/{target-group}', 'device_groups/{device-group}/devices'], filter: 'member' },
  // CHAP users of the target or, with no target, the driver's discovery users.
  user: { dirs: [TARGET, 'targets/{driver}'], filter: 'user' },
};

/** Whether completion knows live names for an argument or flag called `name`. */
export function isObjectKind(name: string): boolean {
  return Object.hasOwn(NAME_SOURCES, name);
}

/** The directory that lists `kind` in the context; undefined when the context does not say which. */
export function nameDir(kind: string, ctx: NameContext): string | undefined {
  const source = NAME_SOURCES[kind];
  const values: NameContext = { driver: DEFAULT_DRIVER, ...ctx };
  for (const template of source?.dirs ?? []) {
    let complete = true;
    const dir = template.replace(/\{([^}]+)\}/g, (_, key: keyof NameContext) => {
      const value = values[key];
      if (value === undefined) complete = false;
      return value ?? '';
    });
    if (complete) return dir;
  }
  return undefined;
}

export const USER_FILE = /^(Incoming|Outgoing)User\d*$/;
