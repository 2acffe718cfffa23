import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { alignColumns } from '../../src/ui/columns.js';

describe('alignColumns', () => {
  it('pads every cell but the last to its column width, two spaces apart', () => {
    expect(alignColumns([['MODULE', 'STATE', 'REFS'], ['scst', 'loaded', '3'], ['iscsi_scst', '-', '']])).toEqual([
      'MODULE      STATE   REFS',
      'scst        loaded  3',
      'iscsi_scst  -',
    ]);
  });

  it('measures coloured cells by their visible text', () => {
    const c = new Chalk({ level: 1 });
    const lines = alignColumns([[c.green('loaded'), 'x'], ['-', 'y']]);
    expect(lines[1]).toBe('-       y');
    expect(lines[0]).toBe(`${c.green('loaded')}  x`);
  });

  it('caps a column width without cutting a longer cell, and takes a gap per column', () => {
    const lines = alignColumns([['error', 'a-very-long-location', 'CODE', 'text'], ['info', 'short', 'C', 'more']], { maxWidths: [undefined, 8], gaps: [' '] });
    expect(lines).toEqual(['error a-very-long-location  CODE  text', 'info  short     C     more']);
  });
});
