/**
 * A preload for bench:startup (node --import dist/scripts/startup-probe.js …): it notes how long
 * after the process started the first file-system call under one of the paths in
 * STARTUP_PROBE_PATHS (colon-separated: the sysfs tree, the emulated host's state file) was
 * made, and writes it in milliseconds to STARTUP_PROBE_OUT as the process exits, or the time of
 * the exit itself when no such call was made (bare node, a command that works on files only).
 * That is the command's start-up: what it costs before it does its own work, whatever that work
 * then costs (a host of 10 000 objects, modules unloaded one after another, files synced).
 * process.uptime() counts from Node's start for the command and for bare node alike.
 */
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';

const prefixes = (process.env.STARTUP_PROBE_PATHS ?? '').split(':').filter((path) => path !== '');
const out = process.env.STARTUP_PROBE_OUT;
let firstCall: number | undefined;

const touches = (path: unknown) => typeof path === 'string' && prefixes.some((prefix) => path.startsWith(prefix));

/** Every function of `target` taking a path first notes the first call under a prefix. */
function watch(target: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue;
    const original = value as (...args: unknown[]) => unknown;
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (firstCall === undefined && touches(args[0])) firstCall = process.uptime() * 1000;
      return original.apply(this, args);
    };
  }
}

if (out) {
  watch(fs as unknown as Record<string, unknown>);
  watch(fsPromises as unknown as Record<string, unknown>);
  const { writeFileSync } = fs;
  process.on('exit', () => writeFileSync(out, `${(firstCall ?? process.uptime() * 1000).toFixed(2)}\n`));
}
