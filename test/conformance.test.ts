import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRecording, recordedKver } from '../src/emulator/replay/recording.js';
import { NOT_REPLAYED, RECORDING_KVER, replayRecording } from '../src/emulator/replay/replay.js';

const DIR = process.env.SCST_CONFORMANCE_DIR ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/conformance');
/** Cases of our own in the recordings' format, written from SCST's source (test/conformance/README.md). */
const CASES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'conformance');
const replayFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !NOT_REPLAYED.has(f)).sort() : [];
const files = replayFiles(DIR);

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

/** Steps compared per case file of our own. */
const EXPECTED_CASE_STEPS: Record<string, number> = {
  '80-attribute-numbers.jsonl': 104,
  '81-add-device-order.jsonl': 45,
  '82-lun-parameters.jsonl': 15,
};

async function mismatchesOf(file: string): Promise<{ compared: number; mismatches: unknown[]; hostErrors: string[] }> {
  const recording = await loadRecording(file);
  const result = await replayRecording(recording, recordedKver([recording]) ?? RECORDING_KVER);
  const mismatches = result.mismatches.map((m) => ({ step: m.index, expected: m.outcome.expected, got: m.outcome.got }));
  return { compared: result.compared, mismatches, hostErrors: result.hostErrors };
}

describe('conformance replay against the SCST recordings', () => {
  it(`finds every replay recording in ${DIR} (set SCST_CONFORMANCE_DIR to move it)`, () => {
    expect(files).toEqual(Object.keys(EXPECTED_STEPS));
  });

  for (const file of files) {
    it(`${file}: every recorded step matches`, async () => {
      const result = await mismatchesOf(join(DIR, file));
      expect(result.mismatches).toEqual([]);
      expect(result.hostErrors).toEqual([]);
      expect(result.compared).toBe(EXPECTED_STEPS[file]);
    });
  }
});

describe('conformance replay of the cases written from SCST\'s source', () => {
  it('finds every case file', () => {
    expect(replayFiles(CASES_DIR)).toEqual(Object.keys(EXPECTED_CASE_STEPS));
  });

  for (const file of Object.keys(EXPECTED_CASE_STEPS)) {
    it(`${file}: every step matches`, async () => {
      const result = await mismatchesOf(join(CASES_DIR, file));
      expect(result.mismatches).toEqual([]);
      expect(result.hostErrors).toEqual([]);
      expect(result.compared).toBe(EXPECTED_CASE_STEPS[file]);
    });
  }
});
