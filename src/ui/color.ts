/**
 * Colour only on a terminal, never with NO_COLOR or --no-color. One chalk instance, switched
 * once by the base command, used by every renderer.
 */
import { Chalk, type ChalkInstance } from 'chalk';

let instance: ChalkInstance = new Chalk({ level: 0 });

export function setColorEnabled(enabled: boolean): void {
  instance = new Chalk({ level: enabled ? 1 : 0 });
}

export function color(): ChalkInstance {
  return instance;
}
