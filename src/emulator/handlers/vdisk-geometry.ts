/**
 * A vdisk device's size and block size as the kernel keeps them: `file_size` is a signed 64-bit
 * loff_t (an unchecked `size_mb` product can make it negative, and `size` shows it as unsigned),
 * the block size is `1 << blk_shift` in an int. The state keeps the size exactly: a number while
 * it is a safe integer, its decimal text beyond that.
 */
import type { Kernel } from '../kernel.js';
import type { DeviceState } from '../state.js';

const U64 = (value: bigint): bigint => BigInt.asUintN(64, value);

/** file_size (loff_t). */
export function fileSize(dev: DeviceState): bigint {
  const value = dev.attrs.size;
  return typeof value === 'string' ? BigInt(value) : BigInt(Number(value ?? 0));
}

export function setFileSize(dev: DeviceState, value: bigint): void {
  const signed = BigInt.asIntN(64, value);
  const safe = signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER);
  dev.attrs.size = safe ? Number(signed) : signed.toString();
}

/** What `size` reads (`%llu` of the loff_t) and `size_mb` (the same bits shifted). */
export function shownSize(dev: DeviceState, shift: 0 | 20): string {
  return (U64(fileSize(dev)) >> BigInt(shift)).toString();
}

/** blk_shift, from the block size the device shows (an int: 1 << 31 reads negative). */
export function blockShift(dev: DeviceState): number {
  const size = Math.abs(Number(dev.attrs.blocksize ?? 512)) >>> 0;
  return 31 - Math.clz32(size);
}

/** The low bits a size must not have to be a whole number of blocks. */
export function blockMask(dev: DeviceState): bigint {
  return (1n << BigInt(blockShift(dev))) - 1n;
}

/** dev->block_size for a shift: `1 << shift` in a C int. */
export function blockSizeOfShift(shift: number): number {
  return Number(BigInt.asIntN(32, 1n << BigInt(shift)));
}

/**
 * scst_calc_block_shift(): the parameter as the int it is passed as, 0 meaning 512, log2 of its
 * bits rounded down; a size that is not a power of two gets a one-time kernel WARNING (once per
 * load of scst); a shift under 9 is "Wrong sector size" and -1.
 */
export function calcBlockShift(k: Kernel, requested: bigint): number {
  let sectorSize = Number(BigInt.asIntN(32, requested));
  if (sectorSize === 0) sectorSize = 512;
  const shift = 31 - Math.clz32(sectorSize >>> 0);
  if (blockSizeOfShift(shift) !== sectorSize && !k.state.core.blockShiftWarned) {
    k.state.core.blockShiftWarned = true;
    k.raw('------------[ cut here ]------------');
    k.raw(`1 << ${shift} != ${sectorSize}`);
    k.raw('WARNING: CPU: 0 PID: 1000 at scst/src/scst_lib.c:12403 scst_calc_block_shift+0x6a/0xb0 [scst]');
    k.raw('---[ end trace 0000000000000000 ]---');
  }
  if (shift < 9) {
    k.log(`scst: ***ERROR***: Wrong sector size ${sectorSize}`);
    return -1;
  }
  return shift;
}

/**
 * `fs=64MB, bs=512, nblocks=131072, cyln=64` of SCST's attach/resize messages, with the
 * kernel's note when the disk has less than one cylinder (2048 blocks).
 */
export function geometry(dev: DeviceState): string {
  const size = fileSize(dev);
  const nblocks = U64(size >> BigInt(blockShift(dev)));
  const signed = (value: bigint): string => BigInt.asIntN(64, value).toString();
  const warning = nblocks < 2048n ? ' !WARNING! cyln less than 1' : '';
  return `fs=${size >> 20n}MB, bs=${Number(dev.attrs.blocksize ?? 512)}, nblocks=${signed(nblocks)}, cyln=${signed(nblocks / 2048n)}${warning}`;
}
