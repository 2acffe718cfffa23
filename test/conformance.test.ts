import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRecording, recordedKver } from '../src/emulator/replay/recording.js';
import { NOT_REPLAYED, RECORDING_KVER, replayRecording } from '../src/emulator/replay/replay.js';

const DIR = process.env.SCST_CONFORMANCE_DIR ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/conformance');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.jsonl') && !NOT_REPLAYED.has(f)).sort() : [];

/** Steps compared per file (write/read/list/tree); all of them must match. */
const EXPECTED_STEPS: Record<string, number> = {
  '00-fresh-tree.jsonl': 1,
  '10-devices.jsonl': 162,
  '20-iscsi-targets.jsonl': 211,
  '30-alua.jsonl': 74,
  '40-sessions.jsonl': 69,
  '50-daemon-absent.jsonl': 33,
  '60-async.jsonl': 42,
};

describe('conformance replay against the SCST recordings', () => {
  it(`finds every replay recording in ${DIR} (set SCST_CONFORMANCE_DIR to move it)`, () => {
    expect(files).toEqual(Object.keys(EXPECTED_STEPS));
  });

  for (const file of files) {
    it(`${file}: every recorded step matches`, async () => {
      const recording = await loadRecording(join(DIR, file));
      const result = await replayRecording(recording, recordedKver([recording]) ?? RECORDING_KVER);
      const mismatches = result.mismatches.map((m) => ({ step: m.index, expected: m.outcome.expected, got: m.outcome.got }));
      expect(mismatches).toEqual([]);
      expect(result.hostErrors).toEqual([]);
      expect(result.compared).toBe(EXPECTED_STEPS[file]);
    });
  }
});
