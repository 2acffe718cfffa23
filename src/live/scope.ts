/**
 * Which part of the tree a command needs: the PATH of `show PATH` (`devices/disk1`,
 * `targets/iscsi/IQN/luns`, `handlers/vdisk_fileio`, `device_groups/dg1`). The reader reads
 * the object named by the first segments; deeper segments only narrow what is displayed.
 */
import { badInput } from '../errors.js';
import { dirNameOf } from '../sysfs/names.js';
import { liveMessages as msg } from './messages.js';

export type Section = 'handlers' | 'devices' | 'targets' | 'device_groups';

export interface LiveScope {
  section?: Section;
  /** Handler, device, driver or device-group name. */
  name?: string;
  /** Target directory name (targets only). */
  target?: string;
  /** Segments below the object, for display. */
  rest: string[];
}

const SECTIONS: readonly Section[] = ['handlers', 'devices', 'targets', 'device_groups'];

export function parseScope(path: string | undefined): LiveScope {
  const segments = (path ?? '').split('/').filter((s) => s !== '');
  if (segments.length === 0) return { rest: [] };
  const [section, name, ...rest] = segments;
  if (!SECTIONS.includes(section as Section)) throw badInput(msg.badScope(path ?? ''), { object: path, code: 'BAD_PATH' });
  const scope: LiveScope = { section: section as Section, rest };
  if (name !== undefined) scope.name = name;
  if (section === 'targets' && rest.length > 0) {
    scope.target = dirNameOf(rest[0]!);
    scope.rest = rest.slice(1);
  }
  return scope;
}
