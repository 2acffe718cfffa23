/**
 * The examples of the object pages in docs/ are run, not just read: every ```console block is a
 * session on an emulated host. A `$ ` line is a command (run by bash, `scstadmin-ts` being the
 * built binary on the page's own emulated host), the lines up to the next `$ ` its output
 * (standard output, then standard error). Timings (`12 ms`) are compared as `N ms`; the page's
 * config file is shown as /etc/scst.conf. Each page starts from nothing, its blocks in order.
 */
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const PAGES = ['access.md', 'chap.md', 'alua.md', 'sessions.md'];
const scratch = mkdtempSync(join(tmpdir(), 'docs-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Step {
  command: string;
  expected: string[];
  line: number;
}

/** The `$ ` commands of a page's console blocks with the output lines each one shows. */
export function consoleSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  let inBlock = false;
  markdown.split('\n').forEach((text, index) => {
    if (text.startsWith('```')) {
      inBlock = text === '```console';
      return;
    }
    if (!inBlock) return;
    if (text.startsWith('$ ')) steps.push({ command: text.slice(2), expected: [], line: index + 1 });
    else steps.at(-1)?.expected.push(text);
  });
  return steps;
}

const normalize = (lines: string[]) => lines.map((l) => l.replace(/\b\d+ ms\b/g, 'N ms').trimEnd()).join('\n').trim();

describe.each(PAGES)('docs/%s', (page) => {
  const steps = consoleSteps(readFileSync(join(ROOT, 'docs', page), 'utf8'));

  it('has examples', () => expect(steps.length).toBeGreaterThan(3));

  it('shows what the commands print', async () => {
    const dir = mkdtempSync(join(scratch, 'page-'));
    const env = { NO_COLOR: '1', HOME: dir, SCST_CONF: join(dir, 'scst.conf'), SCSTADMIN_TS_LOCK: join(dir, 'lock'), SCSTADMIN_TS_STATE_DIR: join(dir, 'state'), COLUMNS: '200' };
    const shell = `scstadmin-ts() { node '${BIN}' "$@" --simulate='${join(dir, 'host.json')}'; }`;
    for (const step of steps) {
      const run = await execa('bash', ['-c', `${shell}\n${step.command}`], { cwd: dir, env, reject: false, stdin: 'ignore' });
      const output = [run.stdout, run.stderr].filter((s) => s !== '').join('\n').replaceAll(join(dir, 'scst.conf'), '/etc/scst.conf');
      expect(normalize(output.split('\n')), `docs/${page}:${step.line}: $ ${step.command}`).toBe(normalize(step.expected));
    }
  }, 180_000);
});
