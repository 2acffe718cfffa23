/** install-service / uninstall-service through the built binary into an image root, with a fake systemctl. */
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scst-install-'));
  env = { NO_COLOR: '1', PATH: `${join(ROOT, 'test', 'fixtures', 'bin')}${delimiter}${process.env.PATH}`, FAKE_TOOLS_LOG: join(dir, 'tools.log') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('installs into an image root, enables it there, and removes it again', async () => {
  const image = join(dir, 'image');
  const install = await execa('node', [BIN, 'install-service', '--root', image, '--bin', '/usr/bin/scstadmin-ts', '--json'], { reject: false, env });
  expect(install.exitCode).toBe(0);
  expect(JSON.parse(install.stdout)).toEqual({
    files: [
      { path: join(image, 'etc/systemd/system/scst.service'), action: 'written' },
      { path: join(image, 'etc/default/scst'), action: 'written' },
    ],
    systemctl: [[`--root=${image}`, 'enable', 'scst.service']],
    notes: [],
  });
  const unit = await readFile(join(image, 'etc/systemd/system/scst.service'), 'utf8');
  expect(unit).toContain('ExecStart=/usr/bin/scstadmin-ts start\n');
  expect(await readFile(join(image, 'etc/default/scst'), 'utf8')).toContain('ISCSID_OPTIONS=""');

  const remove = await execa('node', [BIN, 'uninstall-service', '--root', image], { reject: false, env });
  expect(remove.exitCode).toBe(0);
  expect(remove.stdout).toContain(`${join(image, 'etc/systemd/system/scst.service')}: removed`);
  expect(remove.stdout).toContain(`${join(image, 'etc/default/scst')}: kept (yours)`);
  expect((await readFile(env.FAKE_TOOLS_LOG!, 'utf8')).trim().split('\n')).toEqual([
    `systemctl --root=${image} enable scst.service`,
    `systemctl --root=${image} disable scst.service`,
  ]);
});

it('refuses a unit command line with a newline (exit 2)', async () => {
  const install = await execa('node', [BIN, 'install-service', '--root', join(dir, 'image'), '--bin', '/bin/x\nExecStartPre=/bin/evil'], { reject: false, env });
  expect(install.exitCode).toBe(2);
  expect(install.stderr).toContain('scstadmin-ts: --bin: the command line for the unit must not hold a newline or `%`');
});
