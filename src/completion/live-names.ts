/**
 * Live object names for completion, by the argument-name convention the commands share
 * (`target`, `device`, `lun`, `group`, …): each kind is one directory of the SCST tree and
 * which of its entries are names. One completion reads one listing (CHAP users: one listing
 * plus the few user files it names), never takes the lock and never writes.
 */
import type { DirEntry, Sysfs } from '../sysfs/types.js';

/** What the words typed so far say about where the object lives. */
export interface NameContext {
  driver?: string;
  target?: string;
  group?: string;
  'device-group'?: string;
  'target-group'?: string;
}

interface NameSource {
  /** The directory that lists the names; undefined when the context does not say which. */
  dir(ctx: NameContext): string | undefined;
  /** Whether an entry of that directory is a name (the rest are attributes and `mgmt`). */
  isName(entry: DirEntry): boolean;
}

/** The driver a target lives under when the command line names none (README: iSCSI first). */
export const DEFAULT_DRIVER = 'iscsi';

const isDir = (e: DirEntry): boolean => e.type === 'dir';
const isLink = (e: DirEntry): boolean => e.type === 'link';
const isUserFile = (e: DirEntry): boolean => e.type === 'file' && /^(Incoming|Outgoing)User\d*$/.test(e.name);

function targetDir(ctx: NameContext): string | undefined {
  return ctx.target === undefined ? undefined : `targets/${ctx.driver ?? DEFAULT_DRIVER}/${ctx.target}`;
}

function under(base: string | undefined, rest: string): string | undefined {
  return base === undefined ? undefined : `${base}/${rest}`;
}

const SOURCES: Record<string, NameSource> = {
  device: { dir: () => 'devices', isName: isDir },
  handler: { dir: () => 'handlers', isName: isDir },
  driver: { dir: () => 'targets', isName: isDir },
  target: { dir: (ctx) => `targets/${ctx.driver ?? DEFAULT_DRIVER}`, isName: isDir },
  session: { dir: (ctx) => under(targetDir(ctx), 'sessions'), isName: isDir },
  group: { dir: (ctx) => under(targetDir(ctx), 'ini_groups'), isName: isDir },
  lun: {
    dir: (ctx) => under(targetDir(ctx), ctx.group === undefined ? 'luns' : `ini_groups/${ctx.group}/luns`),
    isName: isDir,
  },
  initiator: {
    dir: (ctx) => (ctx.group === undefined ? undefined : under(targetDir(ctx), `ini_groups/${ctx.group}/initiators`)),
    isName: (e) => e.type === 'file' && e.name !== 'mgmt',
  },
  'device-group': { dir: () => 'device_groups', isName: isDir },
  'target-group': {
    dir: (ctx) => (ctx['device-group'] === undefined ? undefined : `device_groups/${ctx['device-group']}/target_groups`),
    isName: isDir,
  },
  // A target group's members are links (local targets) or directories (remote ports); a device
  // group's are links to devices.
  member: {
    dir: (ctx) => {
      const dg = ctx['device-group'];
      if (dg === undefined) return undefined;
      return ctx['target-group'] === undefined ? `device_groups/${dg}/devices` : `device_groups/${dg}/target_groups/${ctx['target-group']}`;
    },
    isName: (e) => isLink(e) || isDir(e),
  },
  // CHAP users of the target (or, with no target, the driver's discovery users): the name is the
  // first word of each IncomingUser[N]/OutgoingUser file.
  user: { dir: (ctx) => targetDir(ctx) ?? `targets/${ctx.driver ?? DEFAULT_DRIVER}`, isName: isUserFile },
};

/** Whether completion knows live names for an argument or flag called `name`. */
export function isObjectKind(name: string): boolean {
  return Object.hasOwn(SOURCES, name);
}

/** The live names of `kind` in the context, in the tree's order; [] when the context is not enough. */
export async function liveNames(sysfs: Sysfs, kind: string, ctx: NameContext): Promise<string[]> {
  const source = SOURCES[kind];
  const dir = source?.dir(ctx);
  if (!source || dir === undefined) return [];
  const entries = (await sysfs.list(dir)).filter((e) => source.isName(e));
  if (kind !== 'user') return entries.map((e) => e.name);
  const names = await Promise.all(entries.map(async (e) => (await sysfs.read(`${dir}/${e.name}`)).trim().split(/\s+/)[0] ?? ''));
  return [...new Set(names.filter((n) => n !== '' && n !== '[key]'))];
}
