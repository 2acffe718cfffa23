import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSysfsError, fileKind, objectOf } from '../../src/sysfs/errno.js';
import { SysfsError, type Errno } from '../../src/sysfs/types.js';
import { CONFORMANCE } from '../live/recorded-tree.js';


interface FailedWrite {
  path: string;
  data: string;
  errno: Errno;
  at?: 'open';
  log: string[];
}

function recordedFailures(): FailedWrite[] {
  return readdirSync(CONFORMANCE)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(CONFORMANCE, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)))
    .filter((r) => r.op === 'write' && r.errno);
}

function describe_(w: FailedWrite, withLog = true) {
  // As root, as the recordings were made; the non-root wording has its own test.
  return describeSysfsError(new SysfsError(w.errno, 'write', w.path, w.at ?? 'io', withLog ? w.log : [], w.data), undefined, { uid: 0 });
}

describe('describeSysfsError', () => {
  it('gives every recorded failure a sentence that keeps the errno name, on one line', () => {
    const failures = recordedFailures();
    expect(failures.length).toBeGreaterThan(80);
    for (const failure of failures) {
      const { message } = describe_(failure);
      expect(message).toContain(`(${failure.errno})`);
      expect(message).not.toContain('\n');
    }
  });

  it('explains the absent iSCSI daemon and tells how to start it', () => {
    const error = new SysfsError('EPERM', 'write', 'targets/iscsi/mgmt', 'io', ['[2201]: iscsi-scst: ***ERROR***: User space process is not connected. Is iscsi-scstd running?'], 'add_target iqn.x\n');
    const described = describeSysfsError(error);
    expect(described.object).toBe('targets/iscsi');
    expect(described.message).toBe(
      'writing "add_target iqn.x" failed: the iSCSI daemon iscsi-scstd is not running ("User space process is not connected") (EPERM); kernel: User space process is not connected. Is iscsi-scstd running?',
    );
    expect(described.hint).toBe('start it: scstadmin-ts daemon start');
  });

  it.each([
    ['handlers/vdisk_fileio/mgmt', 'add_device d1 filename=/tmp/d2.img\n', 'EEXIST', undefined, /device with this name already exists/],
    ['handlers/vdisk_fileio/mgmt', 'add_device d1 filename=/tmp/x.img\n', 'ENOENT', undefined, /backing file .* does not exist.*\/var\/lib\/scst\/pr/],
    ['handlers/vdisk_blockio/mgmt', 'add_device b2 filename=/tmp/d2.img\n', 'ENOTBLK', undefined, /not a block device/],
    ['handlers/vdisk_fileio/mgmt', 'del_device nosuch\n', 'EINVAL', undefined, /no such device/],
    ['targets/iscsi/t/luns/mgmt', 'add n2 0\n', 'EEXIST', undefined, /LUN number is already used/],
    ['targets/iscsi/t/luns/mgmt', 'del 2\n', 'EINVAL', undefined, /no such LUN/],
    ['targets/iscsi/t/ini_groups/g1/initiators/mgmt', 'move iqn.b g1\n', 'EEXIST', undefined, /destination group already holds/],
    ['targets/iscsi/mgmt', 'del_target iqn.t\n', 'EBUSY', undefined, /initiators are logged in/],
    ['targets/iscsi/mgmt', 'add_target iqn.slow\n', 'EBUSY', undefined, /did not answer within 31 s/],
    ['targets/iscsi/mgmt', 'del_target iqn.nosuch\n', 'ENOENT', undefined, /no such target/],
    ['devices/d1/read_only', '1\n', 'EACCES', 'open', /read-only; it can only be set when the object is created/],
    ['devices/d1/vend_id', 'X\n', 'ENOENT', 'open', /no such attribute/],
    ['targets/iscsi/t/enabled', '1\n', 'EBADSLT', undefined, /rel_tgt_id is used by another enabled target/],
  ] as const)('%s "%s" %s', (path, data, errno, at, pattern) => {
    const { message } = describe_({ path, data, errno, at, log: [] });
    expect(message).toMatch(pattern);
  });

  describe('EBUSY under targets/iscsi: the write and the kernel log choose the reason', () => {
    const TIMEOUT_LOG = ['[155]: scst: ***ERROR***: Timeout waiting for user space event 000000004ca16388'];
    it.each([
      ['del_target with a logged-in session (no log line)', 'targets/iscsi/mgmt', 'del_target iqn.t\n', [], /initiators are logged in/],
      ['ini-group del with sessions attached', 'targets/iscsi/iqn.t/ini_groups/mgmt', 'del g1\n', [], /sessions are using this initiator group/],
      ['a stopped daemon: the kernel logs the timeout', 'targets/iscsi/mgmt', 'add_target iqn.slow\n', TIMEOUT_LOG, /did not answer within 31 s/],
      ['a stopped daemon on del_target: the log outweighs the verb', 'targets/iscsi/mgmt', 'del_target iqn.t\n', TIMEOUT_LOG, /did not answer within 31 s/],
      ['a daemon-served write, nothing else explains it', 'targets/iscsi/iqn.t/MaxSessions', '2\n', [], /did not answer within 31 s/],
      ['a kernel-only file is not blamed on the daemon', 'targets/iscsi/iqn.t/luns/mgmt', 'add d1 0\n', [], /^(?!.*did not answer).*\(EBUSY\)$/],
      ['a core target attribute is not blamed on the daemon', 'targets/iscsi/iqn.t/rel_tgt_id', '3\n', [], /the device or target is in use \(EBUSY\)$/],
    ] as const)('%s', (_name, path, data, log, pattern) => {
      expect(describe_({ path, data, errno: 'EBUSY', log: [...log] }).message).toMatch(pattern);
    });

    it('the recorded timeouts name the daemon and how to check it', () => {
      const timeouts = recordedFailures().filter((f) => f.errno === 'EBUSY' && f.log.some((l) => l.includes('Timeout waiting')));
      expect(timeouts.length).toBeGreaterThan(0);
      for (const failure of timeouts) expect(describe_(failure).hint).toBe('check it: scstadmin-ts daemon status');
    });
  });

  it('prefers the kernel ***ERROR*** line over an informational one', () => {
    const failure = recordedFailures().find((f) => f.errno === 'ENOENT' && f.log.length === 2 && f.data.startsWith('add_device d1'))!;
    expect(describe_(failure).message).toMatch(/kernel: PR file name \/var\/lib\/scst\/pr\/d1 parent directory doesn't exist$/);
  });

  describe('EACCES at open for a write', () => {
    const refused = new SysfsError('EACCES', 'write', 'devices/d1/read_only', 'open', [], '1\n');

    it('by a user other than root: writing needs root', () => {
      const described = describeSysfsError(refused, undefined, { uid: 1000 });
      expect(described.message).toBe('writing "1" failed: writing SCST\'s sysfs needs root (EACCES)');
      expect(described.hint).toBe('run as root (e.g. with sudo)');
    });

    it('by a user other than root on a mgmt file too', () => {
      const mgmt = new SysfsError('EACCES', 'write', 'handlers/vdisk_fileio/mgmt', 'open', [], 'add_device d1 filename=/x\n');
      expect(describeSysfsError(mgmt, undefined, { uid: 1000 }).message).toMatch(/needs root \(EACCES\)$/);
    });

    it('by root: the attribute is read-only (0444 refuses even root)', () => {
      const described = describeSysfsError(refused, undefined, { uid: 0 });
      expect(described.message).toBe('writing "1" failed: the attribute is read-only; it can only be set when the object is created (EACCES)');
      expect(described.hint).toBeUndefined();
    });
  });

  it('says a read of a write-only file is refused because the file is write-only', () => {
    const { message } = describeSysfsError(new SysfsError('EACCES', 'read', 'devices/d1/resync_size', 'open'));
    expect(message).toBe('read failed: the file is write-only (EACCES)');
  });

  it('classifies files and names the object of a mgmt write', () => {
    expect(fileKind('device_groups/dg1/target_groups/tg1/mgmt')).toBe('aluaMgmt');
    expect(fileKind('device_groups/dg1/target_groups/tg1/state')).toBe('attribute');
    expect(objectOf('targets/iscsi/iqn.x/luns/mgmt')).toBe('targets/iscsi/iqn.x/luns');
    expect(objectOf('')).toBe('SCST');
  });
});
