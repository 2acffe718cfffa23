/**
 * Raw CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value 0, no final XOR):
 * the checksum SCST's vdisk handler turns into a device's generated identity (spec §5.4).
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32cRaw(bytes: Uint8Array, seed = 0): number {
  let crc = seed >>> 0;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)) >>> 0;
  return crc >>> 0;
}

/** The vdisk `dev_id_num` checksum: over the name's UTF-8 bytes plus the terminating NUL. */
export function deviceNameCrc(name: string): number {
  const bytes = Buffer.from(name, 'utf8');
  return crc32cRaw(Buffer.concat([bytes, Buffer.from([0])]));
}
