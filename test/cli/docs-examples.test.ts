/**
 * The console examples of the single-object command pages (docs/devices.md, docs/targets.md,
 * docs/luns.md) run through the built binary, block by block in order, on a fresh emulated host
 * per page: each `$ scstadmin-ts …` line is run and what it prints (stdout, then stderr) must be
 * the lines that follow it; `[exit N]` states a non-zero exit. Only the milliseconds and the
 * config file's path (the docs say /etc/scst.conf) are normalised.
 */
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'docs-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Example {
  command: string;
  expected: string[];
}

/** Every `$ scstadmin-ts` line of the page's console blocks, with the lines it should print. */
export function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/```console\n([^]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ scstadmin-ts ')) examples.push({ command: line.slice('$ scstadmin-ts '.length), expected: [] });
      else if (line !== '' && examples.length > 0) examples.at(-1)!.expected.push(line);
    }
  }
  return examples;
}

/** Shell-like words: double quotes group, nothing else is special in the examples. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const normalise = (line: string, conf: string) => line.replaceAll(conf, '/etc/scst.conf').replace(/\bin \d+ ms\b/, 'in N ms');

for (const page of ['devices.md', 'targets.md', 'luns.md']) {
  describe(`docs/${page}`, () => {
    it('prints what its examples say', async () => {
      const dir = mkdtempSync(join(scratch, 'page-'));
      const conf = join(dir, 'scst.conf');
      const env = { NO_COLOR: '1', SCST_SIMULATE_STATE: join(dir, 'host.json'), SCST_CONF: conf, SCSTADMIN_TS_LOCK: join(dir, 'lock'), SCSTADMIN_TS_STATE_DIR: join(dir, 'journal') };
      const run = (args: string[]) => execa('node', [BIN, ...args, '--simulate'], { reject: false, env, stdin: 'ignore' });
      for (const setup of [['simulate', 'create', '--force'], ['simulate', 'file', '/srv/disk1.img', '--size', '1G'], ['simulate', 'file', '/srv/disk2.img', '--size', '2G'], ['simulate', 'file', '/srv/debian.iso', '--size', '600M'], ['simulate', 'file', '/dev/vg0/vol1', '--block', '--size', '4G']]) {
        expect((await run(setup)).exitCode).toBe(0);
      }
      const examples = examplesOf(readFileSync(join(ROOT, 'docs', page), 'utf8'));
      expect(examples.length).toBeGreaterThan(5);
      for (const example of examples) {
        const result = await run(words(example.command));
        const printed = [...result.stdout.split('\n'), ...result.stderr.split('\n')].filter((l) => l !== '').map((l) => normalise(l, conf));
        if (result.exitCode !== 0) printed.push(`[exit ${result.exitCode}]`);
        expect({ command: example.command, printed }).toEqual({ command: example.command, printed: example.expected.map((l) => normalise(l, conf)) });
      }
    }, 600_000);
  });
}
