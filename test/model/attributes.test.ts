import { describe, expect, it } from 'vitest';
import { attributeSpec, creationParams, dynamicAttributes, isKnownOwner } from '../../src/model/attributes.js';
import { hasErrors, parseKernelNumber, validateChapUser, validateLun, validateName, validateValue } from '../../src/model/validate.js';

describe('attribute table', () => {
  it('gives the creation parameters each handler advertises', () => {
    expect(creationParams('device', 'vdisk_blockio')).toContain('filename');
    expect(creationParams('device', 'vdisk_blockio')).not.toContain('async');
    expect(creationParams('device', 'vdisk_nullio')).toContain('size_mb');
    expect(creationParams('device', 'vcdrom')).toEqual(['tst']);
    expect(creationParams('target', 'scst_local')).toEqual(['session_name']);
    expect(creationParams('target', 'iscsi')).toEqual([]);
    expect(creationParams('lun')).toEqual(['read_only']);
  });
  it('knows access and kind of device attributes per handler', () => {
    expect(attributeSpec('device', 'vdisk_fileio', 'size')).toMatchObject({ writable: false, create: false });
    expect(attributeSpec('device', 'vdisk_nullio', 'size')).toMatchObject({ writable: true, create: true });
    expect(attributeSpec('device', 'vdisk_fileio', 'filename')).toMatchObject({ writable: true, create: true });
    expect(attributeSpec('device', 'vdisk_nullio', 'filename')).toBeUndefined();
    expect(attributeSpec('device', 'vdisk_fileio', 't10_dev_id')).toMatchObject({ writable: true, create: true });
  });
  it('resolves numbered instances of multi-valued attributes, and marks secrets', () => {
    expect(attributeSpec('target', 'iscsi', 'IncomingUser3')).toMatchObject({ name: 'IncomingUser', multi: true, secret: true, dynamic: true });
    expect(attributeSpec('target', 'iscsi', 'rel_tgt_id1')).toBeUndefined();
    expect(dynamicAttributes('target', 'iscsi')).toEqual(['IncomingUser', 'OutgoingUser', 'allowed_portal']);
    expect(dynamicAttributes('driver', 'iscsi')).toEqual(['IncomingUser', 'OutgoingUser']);
  });
  it('tells known owners from out-of-tree ones', () => {
    expect(isKnownOwner('driver', 'iscsi')).toBe(true);
    expect(isKnownOwner('driver', 'chelsio_tgt')).toBe(false);
    expect(isKnownOwner('device', 'dev_disk')).toBe(true);
    expect(isKnownOwner('device', 'my_handler')).toBe(false);
  });
  it('marks rel_tgt_id as needing a disabled target', () => {
    expect(attributeSpec('target', 'iscsi', 'rel_tgt_id')?.needsDisabledTarget).toBe(true);
  });
});

describe('validation', () => {
  it('refuses names SCST or scst.conf cannot carry', () => {
    for (const bad of ['a b', 'a=b', 'a"b', 'a{', 'x\ny', '__proto__', '']) {
      expect(hasErrors(validateName('device', bad)), bad).toBe(true);
    }
    expect(hasErrors(validateName('device', 'dev.with.dots'))).toBe(true);
    expect(hasErrors(validateName('device', 'a'.repeat(65)))).toBe(true);
    expect(validateName('device', 'a'.repeat(64))).toEqual([]);
    expect(validateName('device', 'dev#hash')).toEqual([]);
    expect(hasErrors(validateName('device', '1:0:0:0', { owner: 'dev_disk' }))).toBe(false);
    expect(hasErrors(validateName('device', 'disk1', { owner: 'dev_disk' }))).toBe(true);
  });
  it('warns about malformed iSCSI names but accepts them', () => {
    expect(validateName('target', 'iqn.2024-01.lab.test:w1', { owner: 'iscsi' })).toEqual([]);
    const p = validateName('target', 'not-an-iqn', { owner: 'iscsi' });
    expect(p).toHaveLength(1);
    expect(p[0]!.severity).toBe('warning');
    expect(validateName('target', 'eui.0123456789abcdef', { owner: 'iscsi' })).toEqual([]);
    expect(validateName('target', 'naa.0123', { owner: 'iscsi' })[0]!.severity).toBe('warning');
    expect(validateName('initiator', 'iqn.1993-08.org.debian:*', { owner: 'iscsi' })).toEqual([]);
    expect(hasErrors(validateName('initiator', '!a!b'))).toBe(true);
  });
  it('checks LUN numbers as written', () => {
    expect(validateLun('0')).toEqual([]);
    expect(validateLun('16383')).toEqual([]);
    expect(hasErrors(validateLun('16384'))).toBe(true);
    expect(hasErrors(validateLun('010'))).toBe(true);
    expect(hasErrors(validateLun('-1'))).toBe(true);
  });
  it('checks values per the table', () => {
    expect(validateValue('target', 'iscsi', 'HeaderDigest', 'CRC32C,None')).toEqual([]);
    expect(hasErrors(validateValue('target', 'iscsi', 'HeaderDigest', 'CRC32C, None'))).toBe(true);
    expect(hasErrors(validateValue('target', 'iscsi', 'InitialR2T', 'yes'))).toBe(true);
    expect(hasErrors(validateValue('target', 'iscsi', 'QueuedCommands', '4096'))).toBe(true);
    expect(hasErrors(validateValue('target', 'iscsi', 'rel_tgt_id', '65536'))).toBe(true);
    expect(validateValue('target', 'iscsi', 'rel_tgt_id', '0x10')).toEqual([]);
    expect(hasErrors(validateValue('target', 'iscsi', 'addr_method', 'WEIRD'))).toBe(true);
    expect(validateValue('target', 'iscsi', 'addr_method', 'flat')).toEqual([]);
    expect(hasErrors(validateValue('targetGroup', undefined, 'state', 'Active'))).toBe(true);
    expect(hasErrors(validateValue('device', 'vdisk_fileio', 'filename', 'relative.img'))).toBe(true);
    expect(hasErrors(validateValue('device', 'vdisk_fileio', 't10_dev_id', 'x'.repeat(26)))).toBe(true);
    expect(hasErrors(validateValue('device', 'unknown_handler', 'whatever', 'a;b'))).toBe(false);
    expect(hasErrors(validateValue('device', 'vdisk_fileio', 'filename', '/a\nb'))).toBe(true);
  });
  it('checks a block size as the kernel does: 0 or at least 512, rounded down to a power of two', () => {
    expect(validateValue('device', 'vdisk_fileio', 'blocksize', '4096')).toEqual([]);
    expect(validateValue('device', 'vdisk_nullio', 'blocksize', '0')).toEqual([]);
    expect(validateValue('device', 'vdisk_fileio', 'blocksize', '100')).toMatchObject([{ severity: 'error' }]);
    expect(validateValue('device', 'vdisk_blockio', 'blocksize', '-512')).toMatchObject([{ severity: 'error' }]);
    expect(validateValue('device', 'vdisk_fileio', 'blocksize', '1000')).toMatchObject([{ severity: 'warning' }]);
  });
  it('applies the CHAP secret length rules', () => {
    expect(validateChapUser('joe secret12345678901')).toHaveLength(1);
    expect(validateChapUser('joe secret12345678901')[0]!.severity).toBe('warning');
    expect(validateChapUser('joe 123456789012')).toEqual([]);
    expect(hasErrors(validateChapUser('joe short'))).toBe(true);
    expect(hasErrors(validateChapUser('joe'))).toBe(true);
  });
  it('reads numbers the way the kernel does', () => {
    expect(parseKernelNumber('010')).toBe(8n);
    expect(parseKernelNumber('08')).toBeUndefined();
    expect(parseKernelNumber('0x1F')).toBe(31n);
    expect(parseKernelNumber(' 1')).toBeUndefined();
  });
});
