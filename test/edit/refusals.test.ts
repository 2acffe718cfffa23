/**
 * Every refusal of the device, target and driver changes: its message and code, exit 2, and a
 * host and config file left exactly as they were.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDevice, addTarget, ejectMedia, enableDriver, insertMedia, resyncDevice, rmTarget, setDevice, setDriver, setTarget, type Change } from '../../src/edit/index.js';
import { readLive } from '../../src/live/index.js';
import { lab, refusal, T } from './harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'edit-refusals-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const nullio = (name: string, attributes: Record<string, string> = {}) => addDevice({ name, handler: 'vdisk_nullio', attributes });
const fileio = (name: string, attributes: Record<string, string>) => addDevice({ name, handler: 'vdisk_fileio', attributes });

const CASES: Array<[string, () => Change, string, RegExp]> = [
  ['unknown handler', () => addDevice({ name: 'x', handler: 'vdisk_nope', attributes: {} }), 'NO_SUCH_OBJECT', /^no such device handler is loaded$/],
  ['bad device name', () => nullio('a b'), 'BAD_NAME', /contains a blank/],
  ['device name with =', () => nullio('a=b'), 'BAD_NAME', /contains '='/],
  ['unknown attribute', () => nullio('x', { o_direct: '1' }), 'UNKNOWN_ATTRIBUTE', /^o_direct is not an attribute of vdisk_nullio devices$/],
  ['value out of range', () => nullio('x', { rotational: '2' }), 'BAD_NAME', /rotational must be 0 or 1/],
  ['value with a newline', () => nullio('x', { t10_dev_id: 'a\nb' }), 'BAD_NAME', /newline|control/],
  ['missing backing file', () => fileio('x', { filename: '/srv/none.img' }), 'BACKING_MISSING', /^backing file \/srv\/none\.img does not exist$/],
  ['backing file is a directory', () => fileio('x', { filename: '/srv/dir' }), 'BACKING_NOT_FILE', /is a directory/],
  ['blockio on a regular file', () => addDevice({ name: 'x', handler: 'vdisk_blockio', attributes: { filename: '/srv/a.img' } }), 'BACKING_NOT_BLOCK', /not a block device/],
  ['fileio without a file', () => fileio('x', {}), 'BACKING_NEEDED', /needs a backing file/],
  ['existing device, other settings', () => nullio('d0', { rotational: '0' }), 'DEVICE_EXISTS', /already exists, with other settings \(rotational 1, not 0\)/],
  ['existing device, other handler', () => fileio('d0', { filename: '/srv/a.img' }), 'DEVICE_EXISTS', /already exists, with handler vdisk_nullio/],
  ['set a creation parameter', () => setDevice({ name: 'd0', attributes: { blocksize: '4096' } }), 'CREATION_ONLY', /fixed when the device is created/],
  ['set an unknown device', () => setDevice({ name: 'nodev', attributes: { prod_id: 'X' } }), 'NO_SUCH_OBJECT', /^no such device$/],
  ['resync a nullio device', () => resyncDevice({ name: 'd0' }), 'NO_RESYNC', /has no backing file to re-read/],
  ['media into a disk', () => insertMedia({ name: 'd0', file: '/srv/a.img' }), 'NOT_VCDROM', /media are inserted into vcdrom devices only/],
  ['eject a disk', () => ejectMedia({ name: 'd0' }), 'NOT_VCDROM', /vcdrom/],
  ['unknown driver', () => addTarget({ driver: 'nodrv', target: 't', attributes: {} }), 'NO_SUCH_OBJECT', /^no such target driver is loaded$/],
  ['target name with ;', () => addTarget({ driver: 'iscsi', target: 'iqn.2031-04.test:a;b', attributes: {} }), 'BAD_NAME', /";"/],
  ['unknown target attribute', () => addTarget({ driver: 'iscsi', target: 'iqn.2031-04.test:n', attributes: { nosuch: '1' } }), 'UNKNOWN_ATTRIBUTE', /nosuch is not an attribute/],
  ['target value out of range', () => setTarget({ driver: 'iscsi', target: T, attributes: { MaxSessions: '70000' } }), 'BAD_NAME', /out of range 0\.\.65535/],
  ['a shown-only target attribute', () => setTarget({ driver: 'iscsi', target: T, attributes: { tid: '5' } }), 'READ_ONLY_ATTRIBUTE', /SCST only shows it/],
  ['CHAP through set-target', () => setTarget({ driver: 'iscsi', target: T, attributes: { IncomingUser: 'joe 123456789012' } }), 'DYNAMIC_ATTRIBUTE', /its own commands/],
  ['existing target, other settings', () => addTarget({ driver: 'iscsi', target: T, attributes: { rel_tgt_id: '9' } }), 'TARGET_EXISTS', /already exists, with other settings/],
  ['set an unknown target', () => setTarget({ driver: 'iscsi', target: 'iqn.2031-04.test:none', attributes: { QueuedCommands: '8' } }), 'NO_SUCH_OBJECT', /^no such target$/],
  ['unknown driver attribute', () => setDriver({ driver: 'iscsi', attributes: { nosuch: '1' } }), 'UNKNOWN_ATTRIBUTE', /nosuch is not an attribute of driver iscsi/],
  ['enable an unknown driver', () => enableDriver({ driver: 'nodrv', enabled: true }), 'NO_SUCH_OBJECT', /no such target driver/],
];

describe('refusals of device, target and driver changes', () => {
  it.each(CASES)('%s: exit 2 naming the object; host and file untouched', async (_name, change, code, message) => {
    const at = await lab(scratch);
    const host = JSON.stringify(await readLive(at.host));
    const text = readFileSync(at.file, 'utf8');
    const error = await refusal(at, change);
    expect(error.message).toMatch(message);
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(2);
    expect(error.object).toMatch(/^(device|handler|target|driver) /);
    expect(JSON.stringify(await readLive(at.host))).toBe(host);
    expect(readFileSync(at.file, 'utf8')).toBe(text);
  });

  it('rm-target of a target with a session: exit 2 naming it; --force would do it', async () => {
    const at = await lab(scratch);
    at.host.login(T, 'iqn.2031-01.test.client:h9');
    const error = await refusal(at, () => rmTarget({ driver: 'iscsi', target: T }));
    expect(error.code).toBe('IN_USE');
    expect(error.message).toContain('iqn.2031-01.test.client:h9');
  });
});
