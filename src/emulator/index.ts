/** The emulator's public surface (see docs/emulator.md). */
export { Emulator, DEFAULT_MODULES, type EmulatorOptions, type EmulatorStats } from './emulator.js';
export type { EmulatorState, DaemonState, HostFile } from './state.js';
export { openSimulation } from './simulation.js';
