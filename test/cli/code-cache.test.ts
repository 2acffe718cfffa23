/**
 * Bundles loaded with V8's code cache (src/cli/code-cache.ts): the first run compiles from the
 * source and leaves the compiled code for the next, which takes it; a changed bundle, a damaged
 * or foreign cache, or a folder nobody may write to costs only the compile, never a wrong
 * result. Each case runs in a process of its own, since the cache is written as a process exits.
 */
import { execa } from 'execa';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODE_CACHE_DIR } from '../../src/cli/code-cache.js';
import { readCommandIndex } from '../../src/cli/direct-run.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LOADER = join(ROOT, 'dist', 'src', 'cli', 'code-cache.js');

let appDir: string;
let bundle: string;

/** Loads `bundle` in a new process: what it exports, how it was compiled, what it printed. */
async function load(hash = 'aaaaaaaaaaaaaaaa') {
  const script = `const { loadBundle, howCompiled } = await import(${JSON.stringify(LOADER)});
const first = loadBundle(${JSON.stringify(appDir)}, ${JSON.stringify(bundle)}, ${JSON.stringify(hash)});
const again = loadBundle(${JSON.stringify(appDir)}, ${JSON.stringify(bundle)}, ${JSON.stringify(hash)});
const { createRequire } = await import('node:module');
const required = createRequire(${JSON.stringify(bundle)})(${JSON.stringify(bundle)});
console.log(JSON.stringify({ value: first.answer(20), compiled: howCompiled(${JSON.stringify(bundle)}), once: first === again && first === required }));`;
  const result = await execa('node', ['--input-type=module', '-e', script], { reject: false });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as { value: number; compiled: string; once: boolean };
}

const cacheFiles = () => readdirSync(join(appDir, CODE_CACHE_DIR)).filter((file) => file.endsWith('.v8'));

beforeEach(() => {
  appDir = mkdtempSync(join(tmpdir(), 'code-cache-'));
  bundle = join(appDir, 'bundle.cjs');
  writeFileSync(bundle, 'exports.answer = (n) => n * 2 + 2;\n');
});
afterEach(() => {
  chmodSync(appDir, 0o755);
  rmSync(appDir, { recursive: true, force: true });
});

describe('the code cache', () => {
  it('compiles from the source once, and from the cache after', async () => {
    expect(await load()).toEqual({ value: 42, compiled: 'from source', once: true });
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()[0]).toMatch(new RegExp(`^bundle-aaaaaaaaaaaaaaaa-${process.version.replaceAll('.', '\\.')}-${process.arch}`));
    expect(await load()).toEqual({ value: 42, compiled: 'from cache', once: true });
  });

  it('a bundle with another hash does not take the old cache, even at the same length', async () => {
    await load();
    writeFileSync(bundle, 'exports.answer = (n) => n * 3 + 2;\n');
    expect(await load('bbbbbbbbbbbbbbbb')).toEqual({ value: 62, compiled: 'from source', once: true });
    expect(await load('bbbbbbbbbbbbbbbb')).toEqual({ value: 62, compiled: 'from cache', once: true });
  });

  it('a new cache removes those of earlier contents of the bundle, and keeps the rest', async () => {
    await load('aaaaaaaaaaaaaaaa');
    const dir = join(appDir, CODE_CACHE_DIR);
    const old = cacheFiles()[0]!;
    const otherFlags = old.replace(/\.v8$/, '-1234abcd.v8').replace('aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb');
    const otherBundle = old.replace('bundle-', 'bundle+more-');
    writeFileSync(join(dir, otherFlags), 'x');
    writeFileSync(join(dir, otherBundle), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(bundle, 'exports.answer = (n) => n * 3 + 2;\n');
    expect((await load('bbbbbbbbbbbbbbbb')).compiled).toBe('from source');
    const left = readdirSync(dir).sort();
    expect(left).not.toContain(old);
    // (the loading process's flags include its -e script, which names the hash: its flag digest differs too)
    const written = left.filter((file) => file.startsWith('bundle-bbbbbbbbbbbbbbbb-') && file !== otherFlags);
    expect(written).toHaveLength(1);
    expect(left).toEqual([...written, otherFlags, otherBundle, 'notes.txt'].sort());
  });

  it('a damaged cache is compiled over and replaced', async () => {
    await load();
    const file = join(appDir, CODE_CACHE_DIR, cacheFiles()[0]!);
    writeFileSync(file, Buffer.from('not compiled code at all'));
    expect(await load()).toEqual({ value: 42, compiled: 'from source', once: true });
    expect(readFileSync(file).length).toBeGreaterThan(100);
    expect(await load()).toEqual({ value: 42, compiled: 'from cache', once: true });
  });

  it('without a place to write the cache, the bundle still loads, quietly', async () => {
    chmodSync(appDir, 0o555);
    // root may write anyway; the point is that either way nothing fails and nothing is printed.
    expect((await load()).value).toBe(42);
  });

  it.runIf(process.getuid?.() === 0)('a user who may not write the folder loads the bundle from source, leaving nothing behind', async () => {
    chmodSync(appDir, 0o755);
    chmodSync(bundle, 0o644);
    const script = `const { loadBundle, howCompiled } = await import(${JSON.stringify(LOADER)});
console.log(loadBundle(${JSON.stringify(appDir)}, ${JSON.stringify(bundle)}, 'cccccccccccccccc').answer(1), howCompiled(${JSON.stringify(bundle)}));`;
    const nobody = await execa('node', ['--input-type=module', '-e', script], { uid: 65534, gid: 65534, reject: false });
    expect(nobody.stderr).toBe('');
    expect(nobody.stdout).toBe('4 from source');
    expect(readdirSync(appDir)).toEqual(['bundle.cjs']);
  });

  it('a bundle that fails as it loads fails again when asked again, as require() would', async () => {
    writeFileSync(bundle, 'exports.answer = () => 0;\nthrow new Error("broken bundle");\n');
    const script = `const { loadBundle } = await import(${JSON.stringify(LOADER)});
const attempt = () => { try { loadBundle(${JSON.stringify(appDir)}, ${JSON.stringify(bundle)}, 'dddddddddddddddd'); return 'loaded'; } catch (e) { return e.message; } };
console.log(attempt(), '|', attempt());`;
    const result = await execa('node', ['--input-type=module', '-e', script]);
    expect(result.stdout).toBe('broken bundle | broken bundle');
  });

  it('without a hash (a build without the index), Node loads the bundle itself', async () => {
    const script = `const { loadBundle, howCompiled } = await import(${JSON.stringify(LOADER)});
console.log(loadBundle(${JSON.stringify(appDir)}, ${JSON.stringify(bundle)}, undefined).answer(1), howCompiled(${JSON.stringify(bundle)}) ?? 'by node');`;
    const result = await execa('node', ['--input-type=module', '-e', script]);
    expect(result.stdout).toBe('4 by node');
    expect(() => cacheFiles()).toThrow();
  });
});

describe('the CLI', () => {
  it('runs a command from its cached bundle with the same output, and leaves no temporary file', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'code-cache-cli-'));
    try {
      const copy = join(scratch, 'pkg');
      for (const part of ['bin', 'package.json', 'dist/app']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
      rmSync(join(copy, 'dist', 'app', CODE_CACHE_DIR), { recursive: true, force: true });
      const state = join(scratch, 'state.json');
      const run = (...argv: string[]) => execa('node', [join(copy, 'bin', 'run.js'), ...argv, '--simulate', state], { env: { NO_COLOR: '1' } });
      await run('simulate', 'create');
      const first = await run('list-targets', '--json');
      const second = await run('list-targets', '--json');
      const strip = (text: string) => ({ ...JSON.parse(text), ms: 0 });
      expect(strip(second.stdout)).toEqual(strip(first.stdout));
      const index = readCommandIndex(join(copy, 'dist', 'app'))!;
      const bundle = index.commands['list-targets']!;
      const name = `${bundle.replace(/\.cjs$/, '').replace('/', '-')}-${index.bundles[bundle]}-`;
      const files = readdirSync(join(copy, 'dist', 'app', CODE_CACHE_DIR));
      expect(files.some((file) => file.startsWith(name))).toBe(true);
      expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
