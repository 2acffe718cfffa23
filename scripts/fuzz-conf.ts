/**
 * Fuzzing the scst.conf reader: random and mutated files (truncated, braces and quotes deleted or
 * duplicated, control bytes and very long tokens inserted, lines shuffled) must never crash. Every
 * input either parses without errors — and then serializes and reads back to the same model, and
 * an in-place update to another model reads back as that model — or fails with findings that each name a line and column inside the file, which the CLI turns into
 * one `file:line:col` line per error and exit 2.
 *
 *   node dist/scripts/fuzz-conf.js [--count N] [--seed S]
 */
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { ScstConfig } from '../src/model/types.js';
import { checkConfig } from '../src/conf/check.js';
import { diagnosticsError, hasErrorDiagnostics } from '../src/conf/diagnostics.js';
import { parseConf } from '../src/conf/parse.js';
import { serializeConf } from '../src/conf/serializer.js';
import { updateConf } from '../src/conf/update.js';
import { EXIT } from '../src/errors.js';
import { Gen, randomConfig, rng } from './conf-models.js';

export interface FuzzResult {
  tried: number;
  clean: number;
  rejected: number;
  failures: Array<{ input: string; problem: string }>;
}

const MUTATIONS: Array<(g: Gen, text: string) => string> = [
  (g, t) => t.slice(0, g.int(t.length + 1)),
  (g, t) => removeOne(g, t, '{'),
  (g, t) => removeOne(g, t, '}'),
  (g, t) => removeOne(g, t, '"'),
  (g, t) => insertAt(g, t, g.pick(['{', '}', '"', '\\', '#', '\n'])),
  (g, t) => insertAt(g, t, String.fromCharCode(g.int(32))),
  (g, t) => insertAt(g, t, String.fromCharCode(0x7f + g.int(200))),
  (g, t) => insertAt(g, t, g.word('abcdefghij', 1000, 20000)),
  (g, t) => insertAt(g, t, ` "${g.word('ab #\\', 1, 30)}" `),
  (g, t) => {
    const lines = t.split('\n');
    const i = g.int(lines.length);
    lines.splice(g.int(lines.length), 0, lines[i] ?? '');
    return lines.join('\n');
  },
  (g, t) => {
    const lines = t.split('\n');
    lines.splice(g.int(lines.length), 1);
    return lines.join('\n');
  },
  (g, t) => t.replace(/\n/g, g.chance(0.5) ? '\r\n' : '\n\t '),
  (g, t) => insertAt(g, t, g.pick(['[HANDLER vdisk]', '<% x %>', '{{ y }}', 'HANDLER', 'LUN 0', 'TARGET_DRIVER x {', 'enabled 2', 'HW_TARGET 1'])),
];

function removeOne(g: Gen, text: string, ch: string): string {
  const positions: number[] = [];
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) positions.push(i);
  if (positions.length === 0) return text;
  const at = g.pick(positions);
  return text.slice(0, at) + text.slice(at + 1);
}

function insertAt(g: Gen, text: string, piece: string): string {
  const at = g.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

/** Check one input; a sentence describing the violation, or undefined when it behaved. */
export function fuzzOne(input: string, edit?: ScstConfig): string | undefined {
  let parsed;
  try {
    parsed = parseConf(input, 'fuzz.conf');
    checkConfig(input, 'fuzz.conf', { statPath: false, mode: 0o600 });
  } catch (error) {
    return `threw: ${(error as Error).stack ?? String(error)}`;
  }
  const lineCount = input.split('\n').length;
  for (const d of parsed.diagnostics) {
    if (d.line < 1 || d.line > lineCount || d.col < 1) return `finding outside the file: ${d.line}:${d.col} ${d.message}`;
    if (d.message.includes('\n')) return `finding spans lines: ${JSON.stringify(d.message)}`;
  }
  if (hasErrorDiagnostics(parsed.diagnostics)) {
    const error = diagnosticsError(parsed.diagnostics);
    if (error.exitCode !== EXIT.USAGE) return `errors would not exit 2 (exit ${error.exitCode})`;
    return undefined;
  }
  let text: string;
  try {
    text = serializeConf(parsed.config);
  } catch (error) {
    return `a file without errors could not be written back: ${(error as Error).message}`;
  }
  const again = parseConf(text, 'again.conf');
  if (hasErrorDiagnostics(again.diagnostics)) return `written-back file has errors: ${again.diagnostics[0]!.message}`;
  if (!isDeepStrictEqual(meaning(again.config), meaning(parsed.config))) return 'written-back file means something else';
  if (edit) {
    // The format-preserving update of this (odd but valid) file must mean exactly the new model.
    const updated = parseConf(updateConf(parsed.document, edit), 'updated.conf');
    // The new models are random, so their names and values may be refused; the form must not be.
    if (updated.document.hasSyntaxErrors) return `updated file has errors of form: ${updated.diagnostics.find((d) => d.severity === 'error')!.message}`;
    if (!isDeepStrictEqual(meaning(updated.config), meaning(edit))) return 'updated file means something else than the new model';
  }
  return undefined;
}

/**
 * What a model means to scstadmin: sections with nothing in them (a HANDLER without devices or
 * attributes, a TARGET_DRIVER without targets, attributes or enabled) change nothing, and the
 * writer leaves them out just as Perl scstadmin does.
 */
function meaning(config: ScstConfig): unknown {
  const copy = JSON.parse(JSON.stringify(config)) as ScstConfig;
  for (const [name, h] of Object.entries(copy.handlers)) {
    if (Object.keys(h.devices).length === 0 && Object.keys(h.attributes).length === 0) delete copy.handlers[name];
  }
  for (const [name, d] of Object.entries(copy.drivers)) {
    if (Object.keys(d.targets).length === 0 && Object.keys(d.attributes).length === 0 && d.enabled === undefined) delete copy.drivers[name];
  }
  for (const [name, dg] of Object.entries(copy.deviceGroups)) {
    if (dg.devices.length === 0 && Object.keys(dg.targetGroups).length === 0 && Object.keys(dg.attributes).length === 0) delete copy.deviceGroups[name];
  }
  for (const driver of Object.values(copy.drivers)) {
    for (const target of Object.values(driver.targets)) {
      // scstadmin neither keeps nor applies the order of a group's initiators: it writes them sorted.
      for (const group of Object.values(target.groups)) group.initiators.sort();
    }
  }
  for (const dg of Object.values(copy.deviceGroups)) dg.devices.sort();
  // Values of a multi-valued attribute are a set to scstadmin; the writer sorts them.
  const sortValues = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'attributes' || key === 'alua') && value && typeof value === 'object') {
        for (const values of Object.values(value as Record<string, string[]>)) values.sort();
      } else {
        sortValues(value);
      }
    }
  };
  sortValues(copy);
  return copy;
}

export function fuzzConf(count: number, seed = 1): FuzzResult {
  const g = new Gen(rng(seed));
  const corpus = Array.from({ length: 20 }, (_, i) => serializeConf(randomConfig(seed * 1000 + i)));
  const edits = Array.from({ length: 5 }, (_, i) => randomConfig(seed * 1000 + 500 + i));
  const result: FuzzResult = { tried: 0, clean: 0, rejected: 0, failures: [] };
  for (let i = 0; i < count; i += 1) {
    let input = g.pick(corpus);
    const rounds = 1 + g.int(4);
    for (let r = 0; r < rounds; r += 1) input = g.pick(MUTATIONS)(g, input);
    if (g.chance(0.05)) input = g.word('{}"#\\ \n\tabcHANDLERLUN0123', 0, 400);
    result.tried += 1;
    const problem = fuzzOne(input, g.chance(0.5) ? g.pick(edits) : undefined);
    if (problem) result.failures.push({ input, problem });
    else if (hasErrorDiagnostics(parseConf(input, 'f').diagnostics)) result.rejected += 1;
    else result.clean += 1;
  }
  return result;
}

function main(): void {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const count = arg('--count', 20000);
  const seed = arg('--seed', Date.now() % 100000);
  const started = performance.now();
  const result = fuzzConf(count, seed);
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz-conf: seed ${seed}: ${result.tried} inputs tried in ${seconds.toFixed(1)} s: ${result.clean} read cleanly (and round-tripped), ${result.rejected} rejected with file:line:col errors, ${result.failures.length} misbehaved.`);
  for (const f of result.failures.slice(0, 5)) console.log(`- ${f.problem}\n  input: ${JSON.stringify(f.input.length > 2000 ? `${f.input.slice(0, 2000)}…` : f.input)}`);
  process.exitCode = result.failures.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
