import { describe, expect, it } from 'vitest';
import { fuzzConf, fuzzOne } from '../../scripts/fuzz-conf.js';

describe('fuzzed scst.conf files', () => {
  it('never crash; each is read cleanly and round-trips, or rejected with findings inside the file', () => {
    const result = fuzzConf(400, 7);
    expect(result.failures.map((f) => f.problem)).toEqual([]);
    expect(result.tried).toBe(400);
    expect(result.rejected).toBeGreaterThan(50);
    expect(result.clean).toBeGreaterThan(5);
  });
  it('handles the nastiest single inputs', () => {
    for (const input of ['', '\u0000', '}'.repeat(1000), '{'.repeat(1000), '"'.repeat(999), '\\', 'a\\', '#', 'x'.repeat(100000), '\r\n\r\n', 'HANDLER\n{\n}\n}\n}', 'LUN 0 0 0 0 0 {', 'enabled', 'TARGET_DRIVER iscsi {\n\tTARGET t {\n\t\tGROUP g {\n\t\t\tLUN 99999999999999999999 d\n']) {
      expect(fuzzOne(input), JSON.stringify(input.slice(0, 40))).toBeUndefined();
    }
  });
});
