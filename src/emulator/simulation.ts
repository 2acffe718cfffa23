// Replaced by the emulator's state-file handling.
import type { Sysfs } from '../sysfs/types.js';
export async function openSimulation(_file: string): Promise<{ sysfs: Sysfs; save(): Promise<void> }> {
  throw new Error('the emulator is not built yet');
}
