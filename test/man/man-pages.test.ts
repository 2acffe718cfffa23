/**
 * The man pages the build writes (man/): one a command from the same metadata as --help, with
 * the command's examples and its section of docs/; scstadmin-ts(8) and scst.conf(5); all
 * rendered by the real man(1) without a warning, and installed by install-man.
 */
import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtManPages, MAN_SOURCE } from '../../src/man/install.js';
import { commandPageName, docSection } from '../../src/man/pages.js';
import { readManifest, type ManifestCommand } from '../../src/meta/manifest.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');

/** What man(1) shows for a page file, wide, without hyphenation or justification. */
async function man(file: string) {
  const { stdout } = await execa('man', ['--no-hyphenation', '--no-justification', '-l', join(MAN_SOURCE, file)], { env: { MANWIDTH: '200', PAGER: 'cat' } });
  return stdout;
}

describe('built man pages', () => {
  it('a page for every command, scstadmin-ts(8) and scst.conf(5)', () => {
    const manifest = readManifest();
    const expected = Object.values(manifest.commands).filter((c) => !c.hidden).map((c) => `${commandPageName(c)}.8`);
    expect(builtManPages()).toEqual([...expected, 'scstadmin-ts.8', 'scst.conf.5'].sort());
  });

  it('package.json lists every page, so that npm install -g links them', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { man: string[] };
    expect(pkg.man, 'run `npm run snapshot:update` and commit package.json').toEqual(builtManPages().map((f) => `./man/${f}`));
  });

  it('every page renders with man -l, with no warning', { timeout: 120_000 }, async () => {
    // "cannot adjust line" is about fitting a table into 80 columns, not about the page.
    const script = 'for f in "$@"; do out=$(man --warnings -l "$f" 2>&1 >/dev/null | grep -v "cannot adjust line"); [ -z "$out" ] || echo "$f: $out"; done';
    const pages = builtManPages().map((f) => join(MAN_SOURCE, f));
    const { stdout } = await execa('bash', ['-c', script, 'bash', ...pages], { env: { MANWIDTH: '80', PAGER: 'cat' } });
    expect(stdout).toBe('');
  });

  it('a command page: synopsis, options with values and defaults, examples, its docs section', async () => {
    const text = await man('scstadmin-ts-plan.8');
    expect(text).toMatch(/^NAME\n\s+scstadmin-ts-plan - Show what apply would change/m);
    expect(text).toContain('scstadmin-ts plan [FILE] [OPTIONS]');
    expect(text).toMatch(/--suspend=SECONDS/);
    expect(text).toContain('scstadmin-ts plan new.conf --prune --detailed-exitcode');
    expect(text).toMatch(/DETAILS\n\s+From docs\/apply\.md:/);
    expect(text).not.toMatch(/<%=|&quot;/);
  });

  it('scstadmin-ts(8) lists every command and the exit codes; scst.conf(5) the file format', async () => {
    const main = await man('scstadmin-ts.8');
    for (const c of Object.values(readManifest().commands)) expect(main).toContain(c.id.replaceAll(':', ' '));
    expect(main).toMatch(/EXIT STATUS/);
    const conf = await man('scst.conf.5');
    expect(conf).toMatch(/TARGET_DRIVER iscsi \{/);
    expect(conf).toContain('IncomingUser "joe 12charsecret"');
  });
});

describe('docs sections by command', () => {
  const command = (id: string): ManifestCommand => ({ id, args: {}, flags: {} });
  const doc = {
    path: 'docs/x.md',
    text: '# X\n\n## start, stop, reload, status\nrun it\n### Flags\nf\n## `scstadmin-ts plan [FILE]`\nplan text\n```sh\n# not a heading\n```\n## simulate fault --nth N\nfault\n## simulate faulty\nno\n',
  };
  it('finds the heading that names the command, with the section\'s own subsections', () => {
    expect(docSection(command('stop'), [doc])).toEqual({ path: 'docs/x.md', text: 'run it\n### Flags\nf' });
    expect(docSection(command('plan'), [doc])?.text).toBe('plan text\n```sh\n# not a heading\n```');
    expect(docSection(command('simulate:fault'), [doc])?.text).toBe('fault');
    expect(docSection(command('simulate:faul'), [doc])).toBeUndefined();
  });
});

describe('install-man', () => {
  it('installs every page under --root DIR, and again changes nothing', { timeout: 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'install-man-'));
    try {
      const first = await execa('node', [BIN, 'install-man', '--root', root]);
      const count = builtManPages().length;
      expect(first.stdout).toBe(`${count} of ${count} man pages installed under ${join(root, '/usr/local/share/man')}`);
      expect(readdirSync(join(root, 'usr/local/share/man/man8'))).toContain('scstadmin-ts-show.8');
      expect(readdirSync(join(root, 'usr/local/share/man/man5'))).toEqual(['scst.conf.5']);
      const again = await execa('node', [BIN, 'install-man', '--root', root, '--json']);
      expect((JSON.parse(again.stdout) as { files: Array<{ action: string }> }).files.every((f) => f.action === 'unchanged')).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
