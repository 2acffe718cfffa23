/** `modules list` on a terminal: the coloured STATE cell must not push the later columns out of line. */
import { afterEach, describe, expect, it } from 'vitest';
import { stripVTControlCharacters } from 'node:util';
import { renderModuleRows } from '../../src/system/render.js';
import { setColorEnabled } from '../../src/ui/color.js';

describe('modules list rendering', () => {
  afterEach(() => setColorEnabled(false));

  it('lines up REFS whether the STATE cell is coloured or not', () => {
    setColorEnabled(true);
    const lines = renderModuleRows([
      { name: 'scst', loaded: true, refcount: 2, usedBy: ['scst_vdisk'], provides: 'SCST core' },
      { name: 'scst_vdisk', loaded: false, usedBy: [], provides: 'vdisk handlers' },
    ]).map((line) => stripVTControlCharacters(line));
    const refsColumn = lines[0]!.indexOf('REFS');
    expect(lines[1]!.indexOf('2')).toBe(refsColumn);
    expect(lines[2]!.indexOf('vdisk handlers')).toBe(lines[0]!.indexOf('PROVIDES'));
  });
});
