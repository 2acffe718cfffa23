/**
 * Errno to a sentence an admin understands. The errno name is kept (scripts and the hint can
 * rely on it); the sentence says what SCST meant by it for that kind of file, following what
 * the kernel logs for the same failure in the recordings.
 */
import { SysfsError } from './types.js';

export interface DescribedError {
  object: string;
  message: string;
  hint?: string;
}

const GENERIC: Record<string, string> = {
  EPERM: 'operation not permitted',
  ENOENT: 'no such object',
  EACCES: 'permission denied',
  EBUSY: 'object is busy',
  EEXIST: 'already exists',
  EINVAL: 'the kernel rejected the value',
  EAGAIN: 'the kernel is still working on it',
  ENOTBLK: 'not a block device',
  EBADSLT: 'relative target id already used by another enabled target',
  ERANGE: 'number out of range',
  ECONNREFUSED: 'connection refused',
  EIO: 'I/O error',
  ENOMEM: 'out of memory',
  EMEDIUMTYPE: 'no medium (backing store not open)',
};

/** Describe a failed sysfs call; `context` can say what the write tried to do. */
export function describeSysfsError(error: SysfsError, context?: string): DescribedError {
  const object = objectOf(error.path);
  const what = context ?? (error.op === 'write' && error.data !== undefined ? `writing "${visible(error.data)}"` : error.op);
  let message = `${what} failed: ${error.errno} (${GENERIC[error.errno] ?? 'error'})`;
  let hint: string | undefined;
  if (error.errno === 'EACCES' && error.at === 'open') {
    message = error.op === 'write' ? `${what} failed: EACCES (the attribute is read-only; set it when the object is created)` : `${what} failed: EACCES (the file is write-only)`;
  } else if (error.errno === 'ENOENT' && error.at === 'open') {
    message = `${what} failed: ENOENT (no such file in the SCST tree)`;
  } else if (error.errno === 'EPERM' && error.path.startsWith('targets/iscsi')) {
    message = `${what} failed: EPERM (the iSCSI daemon iscsi-scstd is not connected to the kernel)`;
    hint = 'start it: scstadmin-ts daemon start';
  } else if (error.errno === 'EBUSY' && error.path.startsWith('targets/iscsi')) {
    hint = 'the iSCSI daemon did not answer (stopped?) or the target has logged-in sessions';
  }
  const kernelReason = error.log.map(cleanLogLine).find((l) => l.length > 0);
  if (kernelReason) message += `; kernel: ${kernelReason}`;
  return { object, message, hint };
}

/** `targets/iscsi/iqn.x/luns/mgmt` → `targets/iscsi/iqn.x/luns`, the object a write is about. */
export function objectOf(path: string): string {
  if (path === '') return 'SCST';
  return path.endsWith('/mgmt') ? path.slice(0, -'/mgmt'.length) || 'SCST' : path;
}

function cleanLogLine(line: string): string {
  return line.replace(/^\[\d+\]:\s*/, '').replace(/^[a-z_]+:\s*(\*\*\*ERROR\*\*\*:\s*)?/i, '').trim();
}

function visible(data: string): string {
  return data.replace(/\n$/, '').replace(/\n/g, '\\n');
}
