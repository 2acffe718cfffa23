/**
 * A progress bar for long plans: on a terminal only (stderr), never under --json or in a pipe,
 * redrawn at most once per percent so it costs nothing next to the writes.
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const WIDTH = 30;
/** Plans shorter than this finish before a bar would be worth drawing. */
const PROGRESS_MIN_OPS = 50;

export function progressBar(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return { update: () => {}, done: () => {} };
  let lastPercent = -1;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\u001b[2K');
    shown = false;
  };
  return {
    update(done, total) {
      if (total < PROGRESS_MIN_OPS) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      shown = true;
      const filled = Math.round((done / total) * WIDTH);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${percent}% ${done}/${total} writes`);
      // Gone once complete: the report that follows goes to the same terminal (stdout).
      if (done >= total) clear();
    },
    done: clear,
  };
}
