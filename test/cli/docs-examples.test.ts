/**
 * The console examples of the docs pages run through the built binary, block by block in order,
 * on a fresh emulated host per page (with the backing files /srv/disk1.img, /srv/disk2.img,
 * /srv/debian.iso and the block device /dev/vg0/vol1): each `$ ` line is run by bash, with
 * `scstadmin-ts` the built binary on the page's host, and what it prints (stdout, then stderr,
 * blank lines left out) must be the lines that follow it; `[exit N]` states a non-zero exit. Only
 * the milliseconds and the config file's path (the docs say /etc/scst.conf) are normalised.
 */
import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** Every `$ ` line of the page's console blocks, with the lines it should print. */
export function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/```console\n([^]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ ')) examples.push({ command: line.slice(2), expected: [] });
      else if (line !== '' && examples.length > 0) examples.at(-1)!.expected.push(line);
    }
  }
  return examples;
}

const normalise = (line: string, conf: string) => line.replaceAll(conf, '/etc/scst.conf').replace(/\bin \d+ ms\b/, 'in N ms').trimEnd();

const SETUP = [
  ['simulate', 'create', '--force'],
  ['simulate', 'file', '/srv/disk1.img', '--size', '1G'],
  ['simulate', 'file', '/srv/disk2.img', '--size', '2G'],
  ['simulate', 'file', '/srv/debian.iso', '--size', '600M'],
  ['simulate', 'file', '/dev/vg0/vol1', '--block', '--size', '4G'],
];

const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && readFileSync(join(ROOT, 'docs', f), 'utf8').includes('```console\n$ '));

// The pages are independent hosts, so they run side by side: each example starts the binary,
// and a page at a time left one of the machine's cores idle.
describe.concurrent('docs pages', () => {
  it.each(pages)('docs/%s prints what its examples say', async (page) => {
    const dir = mkdtempSync(join(scratch, 'page-'));
    const conf = join(dir, 'scst.conf');
    const env = { NO_COLOR: '1', HOME: dir, SCST_SIMULATE_STATE: join(dir, 'host.json'), SCST_CONF: conf, SCSTADMIN_TS_LOCK: join(dir, 'lock'), SCSTADMIN_TS_STATE_DIR: join(dir, 'journal') };
    for (const setup of SETUP) expect((await execa('node', [BIN, ...setup, '--simulate'], { reject: false, env, stdin: 'ignore' })).exitCode).toBe(0);
    const shell = `scstadmin-ts() { node '${BIN}' "$@" --simulate; }`;
    const examples = examplesOf(readFileSync(join(ROOT, 'docs', page), 'utf8'));
    expect(examples.length).toBeGreaterThan(3);
    for (const example of examples) {
      const result = await execa('bash', ['-c', `${shell}\n${example.command}`], { cwd: dir, reject: false, env, stdin: 'ignore' });
      const printed = [...result.stdout.split('\n'), ...result.stderr.split('\n')].filter((l) => l !== '').map((l) => normalise(l, conf));
      if (result.exitCode !== 0) printed.push(`[exit ${result.exitCode}]`);
      expect({ command: example.command, printed }).toEqual({ command: example.command, printed: example.expected.map((l) => normalise(l, conf)) });
    }
  }, 600_000);
});
