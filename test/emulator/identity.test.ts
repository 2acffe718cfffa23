import { describe, expect, it } from 'vitest';
import { crc32cRaw, deviceNameCrc } from '../../src/emulator/crc32c.js';
import { generatedIdentity } from '../../src/emulator/handlers/vdisk-identity.js';

describe('vdisk identities (raw CRC-32C of name + NUL)', () => {
  it('matches the values SCST documents and the recordings show', () => {
    expect(deviceNameCrc('disk01').toString(16)).toBe('27cddc71');
    expect(deviceNameCrc('disk02').toString(16)).toBe('132a74e8');
    expect(deviceNameCrc('d1').toString(16)).toBe('eb135523');
    expect(deviceNameCrc('c1').toString(16)).toBe('9fe3314a');
  });

  it('is the raw checksum (no final XOR): the empty input gives 0', () => {
    expect(crc32cRaw(new Uint8Array())).toBe(0);
  });

  it('builds t10_dev_id, usn, vend_specific_id and prod_id', () => {
    expect(generatedIdentity('d1', 0)).toEqual({
      t10_dev_id: 'eb135523-d1', usn: 'eb135523', vend_specific_id: 'eb135523-d1', prod_id: 'd1',
    });
    const long = generatedIdentity('abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij', 0);
    expect(long.t10_dev_id).toBe('ecde30fc-abcdefghijabcdef');
    expect(long.prod_id).toBe('abcdefghijabcdef');
  });

  it('puts setup_id in the upper 32 bits', () => {
    expect(generatedIdentity('disk01', 0x12).usn).toBe('1227cddc71');
  });
});
