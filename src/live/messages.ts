/** User-facing text of the live reader. */
export const liveMessages = {
  notLoaded: (where: string) => {
    const emulated = emulatedHost(where);
    if (emulated === undefined) return `SCST is not loaded (no ${where})`;
    return emulated === '' ? 'SCST is not loaded on the emulated host' : `SCST is not loaded on the emulated host ${emulated}`;
  },
  notScstTree: (where: string) => `SCST is not loaded there: ${where} has no SCST version file`,
  notLoadedHint: 'load it with "scstadmin-ts modules load" (or "modprobe scst")',
  noSuchObject: (path: string) => `no such object in the SCST tree: ${path}`,
  noSuchObjectHint: 'run "scstadmin-ts show" to see what exists',
  badScope: (path: string) => `"${path}" is not a path of the SCST tree (devices/NAME, handlers/NAME, targets/DRIVER/TARGET, device_groups/NAME)`,
};

/**
 * The state file of an emulated tree, from its Sysfs description (`emulator` or
 * `emulator (STATE.json)`, see Sysfs.description): '' for an unnamed one, undefined for a real tree.
 * A real tree's description is its root directory, which is never a bare word like this.
 */
function emulatedHost(description: string): string | undefined {
  const m = /^emulator(?: \((.*)\))?$/.exec(description);
  return m ? (m[1] ?? '') : undefined;
}
