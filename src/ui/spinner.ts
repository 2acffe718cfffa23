/**
 * Progress while SCST works on a command in the background (the EAGAIN path of
 * src/sysfs/mgmt-write.ts): a one-line spinner on stderr when it is a terminal, nothing
 * otherwise, so logs and pipes stay clean. Pass `spinner.onProgress` as `WaitOptions.onProgress`
 * and call `spinner.done()` when the write settles.
 */
const FRAMES = ['|', '/', '-', '\\'];

export interface Spinner {
  onProgress(waitedMs: number): void;
  done(): void;
}

export function ttySpinner(label: string, stream: NodeJS.WriteStream = process.stderr): Spinner {
  if (!stream.isTTY) return { onProgress: () => {}, done: () => {} };
  let frame = 0;
  let shown = false;
  return {
    onProgress(waitedMs) {
      shown = true;
      stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label} (waiting for SCST, ${Math.round(waitedMs / 1000)} s)`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
