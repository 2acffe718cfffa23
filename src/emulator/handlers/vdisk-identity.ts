/** Identity values a vdisk device gets at creation (spec §5.4). */
import { deviceNameCrc } from '../crc32c.js';

export const T10_DEV_ID_MAX = 25;
const PROD_ID_MAX = 16;

interface VdiskIdentity {
  t10_dev_id: string;
  usn: string;
  vend_specific_id: string;
  prod_id: string;
}

/** dev_id_num = (setup_id << 32) | CRC-32C(name + NUL), frozen at creation. */
export function generatedIdentity(name: string, setupId: number): VdiskIdentity {
  const devIdNum = (BigInt(setupId) << 32n) | BigInt(deviceNameCrc(name));
  const hex = devIdNum.toString(16);
  const t10 = `${hex}-${name}`.slice(0, T10_DEV_ID_MAX);
  return { t10_dev_id: t10, usn: hex.slice(0, 20), vend_specific_id: t10, prod_id: name.slice(0, PROD_ID_MAX) };
}
