/** User-facing text of the live reader. */
export const liveMessages = {
  notLoaded: (root: string) => `SCST is not loaded (no ${root})`,
  notLoadedHint: 'load it with "scstadmin-ts modules load" (or "modprobe scst")',
  noSuchObject: (path: string) => `no such object in the SCST tree: ${path}`,
  noSuchObjectHint: 'run "scstadmin-ts show" to see what exists',
  badScope: (path: string) => `"${path}" is not a path of the SCST tree (devices/NAME, handlers/NAME, targets/DRIVER/TARGET, device_groups/NAME)`,
};
