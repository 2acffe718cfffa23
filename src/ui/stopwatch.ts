/**
 * Elapsed milliseconds for the `ms` of a command's JSON output. process.hrtime is monotonic and
 * built in; node:perf_hooks (or the global `performance`) would load Node's eight performance
 * modules at start-up for the same number.
 */
export function startStopwatch(): () => number {
  const started = process.hrtime.bigint();
  return () => Math.round(Number(process.hrtime.bigint() - started) / 1e6);
}
