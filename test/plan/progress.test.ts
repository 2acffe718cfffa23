/**
 * The progress bar: drawn on a terminal for long plans, and gone from the line once the last
 * write is done, so the report printed next (stdout, same terminal) starts on a clean line.
 */
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/plan/progress.js';

function terminal(isTTY = true) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progress bar', () => {
  it('clears its line when the last write is done', () => {
    const { stream, written } = terminal();
    const bar = progressBar(true, stream);
    for (let done = 1; done <= 100; done++) bar.update(done, 100);
    expect(written.at(-2)).toMatch(/100% 100\/100 writes$/);
    expect(written.at(-1)).toBe('\r\u001b[2K');
    bar.done();
    expect(written.at(-1)).toBe('\r\u001b[2K');
    expect(written.filter((w) => w === '\r\u001b[2K')).toHaveLength(1);
  });

  it('clears a bar left half-way when the run ends early', () => {
    const { stream, written } = terminal();
    const bar = progressBar(true, stream);
    bar.update(10, 100);
    bar.done();
    expect(written.at(-1)).toBe('\r\u001b[2K');
  });

  it('draws nothing in a pipe or for a short plan', () => {
    const pipe = terminal(false);
    progressBar(true, pipe.stream).update(50, 100);
    const short = terminal();
    progressBar(true, short.stream).update(5, 10);
    expect([...pipe.written, ...short.written]).toEqual([]);
  });
});
