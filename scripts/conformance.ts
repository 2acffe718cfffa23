/**
 * `npm run conformance -- [FILES…] [--verbose] [--logs]`: replays the SCST recordings, then the
 * repository's own cases (test/conformance), against the emulator and reports per file how many
 * steps match. Exits 1 on any mismatch. `--logs`
 * also shows failed writes whose kernel log lines differ from the recording (information only).
 */
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRecording, recordedKver } from '../src/emulator/replay/recording.js';
import { NOT_REPLAYED, RECORDING_KVER, replayRecording } from '../src/emulator/replay/replay.js';

/** The recordings sit next to the project (`../shared/conformance`, as design.md says). */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_DIR = process.env.SCST_CONFORMANCE_DIR ?? resolve(REPO_ROOT, '../shared/conformance');
/** Our own cases in the same format, written from SCST's source; replayed after the recordings. */
const CASES_DIR = resolve(REPO_ROOT, 'test/conformance');

async function jsonlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const logs = argv.includes('--logs');
  let files = argv.filter((a) => !a.startsWith('-')).map((f) => resolve(f));
  if (files.length === 0) {
    files = [...await jsonlFiles(DEFAULT_DIR), ...await jsonlFiles(CASES_DIR)];
  }
  const recordings = await Promise.all(files.map(loadRecording));
  const kver = recordedKver(recordings) ?? RECORDING_KVER;
  let passed = 0;
  let failed = 0;
  for (const recording of recordings) {
    if (NOT_REPLAYED.has(recording.name)) {
      console.log(`${recording.name}: skipped (not a replay file)`);
      continue;
    }
    const result = await replayRecording(recording, kver);
    passed += result.matched;
    failed += result.compared - result.matched;
    console.log(`${result.file}: ${result.matched}/${result.compared} steps match`);
    if (logs) {
      for (const d of result.logDifferences) {
        console.log(`  log of failed step ${d.index} (${d.path}):\n    recorded: ${JSON.stringify(d.expected)}\n    emulated: ${JSON.stringify(d.got)}`);
      }
    }
    if (!verbose) continue;
    for (const error of result.hostErrors) console.log(`  host: ${error}`);
    for (const mismatch of result.mismatches) {
      const step = mismatch.step;
      const what = 'path' in step ? `${step.op} ${step.path}` : step.op;
      console.log(`  step ${mismatch.index}: ${what}${step.op === 'write' ? ` ${JSON.stringify(step.data)}` : ''}`);
      console.log(`    expected: ${JSON.stringify(mismatch.outcome.expected)}`);
      console.log(`    got:      ${JSON.stringify(mismatch.outcome.got)}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
