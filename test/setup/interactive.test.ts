/**
 * The wizard's real prompts, driven through a real pseudo-terminal: the built binary runs in a
 * private tmux server, keys are sent as an admin types them, and each step waits for the screen
 * to show its question. Checked after each session: the emulated host and the saved file.
 */
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'setup-pty-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Two fresh hosts: one with SCST up, one where only the scst module is in and iscsi-scstd is not running. */
const template = join(scratch, 'template.json');
const downTemplate = join(scratch, 'down.json');
beforeAll(async () => {
  const files = [['simulate', 'file', '/dev/sdb', '--block', '--size', '8G'], ['simulate', 'file', '/dev/sda', '--block', '--size', '8G', '--used-by', 'mounted on /'], ['simulate', 'file', '/srv/debian.iso', '--size', '600M']];
  for (const [file, create] of [[template, ['simulate', 'create', '--force']], [downTemplate, ['simulate', 'create', '--force', '--modules', 'scst', '--no-daemon']]] as const) {
    for (const args of [create, ...files]) expect((await execa('node', [BIN, ...args, '--simulate', file], { stdin: 'ignore', reject: false })).exitCode).toBe(0);
  }
}, 90_000);

let n = 0;
let dir = '';
const socket = () => join(dir, 'tmux.sock');
const state = () => join(dir, 'host.json');
const conf = () => join(dir, 'scst.conf');
const tmux = (...args: string[]) => execa('tmux', ['-S', socket(), ...args]);
const screen = async () => (await tmux('capture-pane', '-p', '-J', '-t', 'wizard', '-S', '-200')).stdout;

/** Waits until the screen shows `text` (the question is there), then returns the screen. */
async function waitFor(text: string | RegExp, ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const shown = await screen();
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
    if (Date.now() > until) throw new Error(`the screen never showed ${String(text)}:\n${shown}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Keys as tmux names them (Enter, Down, Escape, C-c) or literal text. */
const keys = (...k: string[]) => tmux('send-keys', '-t', 'wizard', ...k);
const type = (text: string) => tmux('send-keys', '-t', 'wizard', '-l', text);
/** Answers the question showing `question` with `k`. */
async function answer(question: string | RegExp, ...k: string[]): Promise<void> {
  await waitFor(question);
  const before = await screen();
  for (const key of k) await (key.startsWith('text:') ? type(key.slice(5)) : keys(key));
  // The next render is the prompt's answer to the keys: wait until the screen moves.
  const until = Date.now() + 10_000;
  while ((await screen()) === before && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

beforeEach(() => {
  dir = join(scratch, String(++n));
  mkdirSync(dir);
});

/** The wizard on a copy of `host`, in a terminal of 150 by 60. */
async function launch(host = template): Promise<void> {
  copyFileSync(host, state());
  const env = `env NO_COLOR=1 SCST_CONF=${conf()} SCSTADMIN_TS_LOCK=${join(dir, 'lock')} SCSTADMIN_TS_STATE_DIR=${join(dir, 'journal')} SCST_DEFAULTS_FILE=${join(dir, 'default')}`;
  await tmux('new-session', '-d', '-s', 'wizard', '-x', '150', '-y', '60', `${env} node ${BIN} setup --simulate ${state()}; echo "EXIT=$?"; sleep 600`);
}
afterEach(async () => {
  await tmux('kill-server').catch(() => undefined);
});

const exitOf = async () => Number(/EXIT=(\d+)/.exec(await waitFor(/EXIT=\d+/))![1]);

describe('setup on a terminal', { timeout: 120_000 }, () => {
  it('the happy path: a mounted disk not offered, Esc back, an invalid IQN retyped, mismatched secrets typed again; applied and saved', async () => {
    await launch();
    const shown = await waitFor('Storage to export');
    expect(shown).toContain('SCST is loaded');
    await answer('Storage to export', 'Enter');
    const disks = await waitFor('Block device');
    expect(disks).toContain('not offered: /dev/sda (mounted on /)');
    expect(disks.split('? Block device')[1]).not.toContain('/dev/sda');
    await answer('? Block device', 'Enter');
    await answer('? Options of vdisk_blockio', 'Escape');
    await answer(/\? Block device\s*\n❯ \/dev\/sdb/, 'Enter');
    await answer('? Options of vdisk_blockio', 'Enter');
    await answer('? Target IQN', 'text:iqn.bad name', 'Enter');
    await waitFor('contains a blank');
    await answer('contains a blank', 'C-u', 'text:iqn.2026-12.com.example:store', 'Enter');
    await answer('? LUN number', 'Enter');
    await answer('? Who may log in', 'Down', 'Enter');
    await answer('? Initiator names', 'text:iqn.1993-08.org.debian:01:web1', 'Enter');
    await answer('? Offer it only on this portal', 'text:192.0.2.10', 'Enter');
    await answer('? Require CHAP', 'y', 'Enter');
    await answer('? CHAP user initiators log in as', 'text:web1', 'Enter');
    await answer('? Secret of web1', 'Down', 'Enter');
    await answer('? Secret (12 to 16', 'text:secret-number-1', 'Enter');
    await answer('? The same secret again', 'text:secret-number-2', 'Enter');
    await answer('type it again', 'text:secret-number-1', 'Enter');
    await answer(/differ: type it again\n.*\n\? The same secret again/, 'text:secret-number-1', 'Enter');
    await answer('? Mutual CHAP', 'Enter');
    const summary = await waitFor('? Apply this now?');
    expect(summary).toContain('The plan — the exact changes the executor will make:');
    expect(summary).toContain('LUN 0 of iscsi/iqn.2026-12.com.example:store/allowed: map device sdb');
    expect(summary).toContain('add IncomingUser "web1 ********"');
    expect(existsSync(conf())).toBe(false);
    await answer('? Apply this now?', 'Enter');
    await answer('? Install and enable the service', 'Enter');
    expect(await exitOf()).toBe(0);
    const end = await screen();
    expect(end).toContain('iscsiadm -m node -T iqn.2026-12.com.example:store -p 192.0.2.10 --login');
    expect(end).not.toContain('secret-number-1');
    // The prompt left with Esc was erased, not left half-drawn: every question on screen is answered.
    expect(end).not.toMatch(/^\? /m);
    const saved = readFileSync(conf(), 'utf8');
    expect(saved).toContain('IncomingUser "web1 secret-number-1"');
    expect(saved).toMatch(/GROUP allowed \{\s*LUN 0 sdb\s*INITIATOR iqn\.1993-08\.org\.debian:01:web1/);
    expect(saved).toContain('allowed_portal 192.0.2.10');
    const host = (await execa('node', [BIN, 'show', '-a', '--simulate', state()], { env: { NO_COLOR: '1' } })).stdout;
    expect(host).toContain('iqn.1993-08.org.debian:01:web1');
  });

  it('on a host where SCST is not up: an ISO image as a CD-ROM, a generated CHAP secret shown once, a mutual secret typed twice and never shown; the modules loaded only once applied', async () => {
    await launch(downTemplate);
    await answer('? Load scst_vdisk, iscsi_scst and start iscsi-scstd as part of this setup?', 'Enter');
    await answer('? Storage to export', 'Down', 'Enter');
    await answer('? Path of the file', 'text:/srv/debian.iso', 'Enter');
    await answer('? /srv/debian.iso is a CD/DVD image (ISO 9660)', 'Enter');
    await answer('? Target IQN', 'text:iqn.2026-12.com.example:media', 'Enter');
    for (const question of ['? LUN number', '? Who may log in', '? Offer it only']) await answer(question, 'Enter');
    await answer('? Require CHAP', 'y', 'Enter');
    await answer('? CHAP user initiators log in as', 'text:web1', 'Enter');
    await answer('? Secret of web1', 'Enter');
    await answer('? Mutual CHAP', 'y', 'Enter');
    await answer('? CHAP user the target answers with', 'text:store1', 'Enter');
    await answer('? Secret of store1', 'Down', 'Enter');
    await answer('? Secret (12 to 16', 'text:mutual-secret-9', 'Enter');
    await answer('? The same secret again', 'text:mutual-secret-9', 'Enter');
    const summary = await waitFor('? Apply this now?');
    expect(summary).toContain('vcdrom device debian: the image is its media, read-only, 2048-byte blocks');
    expect(summary).toMatch(/✔ The same secret again \*{15}\n/);
    expect(summary).toMatch(/ {2}\+ modules: load scst_vdisk, iscsi_scst\n {2}\+ iscsi-scstd: start\n {2}\+ device debian: create device debian \(vcdrom\)\n/);
    expect(summary).toContain('add OutgoingUser "store1 ********"');
    await answer('? Apply this now?', 'Enter');
    await answer('? Install and enable the service', 'Enter');
    expect(await exitOf()).toBe(0);
    const end = await screen();
    const saved = readFileSync(conf(), 'utf8');
    expect(saved).toMatch(/HANDLER vcdrom \{\s*DEVICE debian \{\s*filename \/srv\/debian\.iso/);
    expect(saved).toContain('OutgoingUser "store1 mutual-secret-9"');
    const generated = /IncomingUser "web1 (\S+)"/.exec(saved)![1]!;
    // Shown only at the end: once to keep, once in the initiator's iscsid.conf lines.
    expect(end.split('Created:')[0]).not.toContain(generated);
    expect(end.split(generated).length - 1).toBe(2);
    expect(end).toContain(`The generated secret of CHAP user web1 is shown this once; keep it:\n  ${generated}\n`);
    expect(end).toContain('node.session.auth.password_in = <the secret you typed>');
    expect(end).not.toContain('mutual-secret-9');
    expect((await execa('node', [BIN, 'simulate', 'status', '--simulate', state()])).stdout).toMatch(/modules: +scst, scst_vdisk, iscsi_scst\n +iscsi-scstd: +running/);
  });

  const offer: [string | RegExp, ...string[]] = ['? Load scst_vdisk, iscsi_scst and start iscsi-scstd', 'Enter'];
  const toTarget: Array<[string | RegExp, ...string[]]> = [offer, ['Storage to export', 'Down', 'Down', 'Down', 'Enter'], ['? Options of vdisk_nullio', 'Enter']];
  const toChap: Array<[string | RegExp, ...string[]]> = [...toTarget, ['? Target IQN', 'Enter'], ['? LUN number', 'Enter'], ['? Who may log in', 'Enter'], ['? Offer it only', 'Enter']];
  const steps: Array<[string, Array<[string | RegExp, ...string[]]>]> = [
    ['the offer to load the modules (step 1)', [['? Load scst_vdisk']]],
    ['the storage question (step 2)', [offer, ['Storage to export']]],
    ['the target question (step 3)', [...toTarget, ['? Target IQN']]],
    ['a secret half typed (step 4)', [...toChap, ['? Require CHAP', 'y', 'Enter'], ['? CHAP user initiators', 'text:web1', 'Enter'], ['? Secret of web1', 'Down', 'Enter'], ['? Secret (12 to 16', 'text:half-typed'], ['*'.repeat(10)]]],
    // Esc at "Apply this now?" goes back to the last question; then Ctrl-C at the confirmation.
    ['the final confirmation (step 5)', [...toChap, ['? Require CHAP', 'Enter'], ['? Apply this now?', 'Escape'], [/^\? Require CHAP/m, 'Enter'], [/The plan — [^]*The plan — [^]*\? Apply this now\?/]]],
  ];
  for (const [where, path] of steps) {
    it(`Ctrl-C at ${where} on a host where SCST is not up leaves host and file unchanged, and the prompt erased`, async () => {
      await launch(downTemplate);
      const before = readFileSync(state(), 'utf8');
      for (const [question, ...k] of path.slice(0, -1)) await answer(question, ...k);
      await answer(path.at(-1)![0], 'C-c');
      expect(await exitOf()).toBe(2);
      const end = await screen();
      expect(end).toContain('setup cancelled: nothing was changed on the host or in the file');
      expect(end).not.toMatch(/^\? |↑↓ navigate|half-typed/m);
      expect(readFileSync(state(), 'utf8')).toBe(before);
      expect(existsSync(conf())).toBe(false);
    });
  }
});
