import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { hostPaths, type HostPaths } from '../../src/system/paths.js';
import { installService, uninstallService } from '../../src/system/service-install.js';

const packageRoot = resolve(__dirname, '..', '..');
const fakeBin = join(packageRoot, 'test', 'fixtures', 'bin');
const cli = `${process.execPath} ${join(packageRoot, 'bin', 'run.js')}`;

function which(tool: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

let dir: string;
let log: string;
let env: NodeJS.ProcessEnv;
let paths: HostPaths;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scst-svc-'));
  log = join(dir, 'tools.log');
  env = { ...process.env, PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_TOOLS_LOG: log };
  paths = { ...hostPaths({}), systemdRuntimeDir: join(dir, 'run-systemd') };
});

async function calls(): Promise<string[]> {
  return (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
}

describe('install-service', () => {
  it('installs the unit and the defaults skeleton into an image root and enables it there', async () => {
    const root = join(dir, 'image');
    const result = await installService(paths, { root, cli, packageRoot, enable: true, env });
    const unitPath = join(root, 'etc/systemd/system/scst.service');
    expect(result.files).toEqual([
      { path: unitPath, action: 'written' },
      { path: join(root, 'etc/default/scst'), action: 'written' },
    ]);
    const unit = await readFile(unitPath, 'utf8');
    expect(unit).toContain(`ExecStart=${cli} start\n`);
    expect(unit).toContain(`ExecStop=${cli} stop\n`);
    expect(unit).toContain(`ExecReload=${cli} reload\n`);
    expect(unit).toMatch(/^Type=oneshot$/m);
    expect(unit).toMatch(/^RemainAfterExit=yes$/m);
    expect(unit).toMatch(/^After=network-online\.target/m);
    expect(unit).toContain('EnvironmentFile=-/etc/default/scst');
    expect(unit).not.toContain('@');
    expect((await stat(unitPath)).mode & 0o777).toBe(0o644);
    expect(await calls()).toEqual([`systemctl --root=${root} enable scst.service`]);
  });

  it('keeps an existing /etc/default/scst and reports an unchanged unit on reinstall', async () => {
    const root = join(dir, 'image');
    await mkdir(join(root, 'etc/default'), { recursive: true });
    await writeFile(join(root, 'etc/default/scst'), 'ISCSID_OPTIONS="-p 3261"\n');
    await installService(paths, { root, cli, packageRoot, enable: false, env });
    const again = await installService(paths, { root, cli, packageRoot, enable: false, env });
    expect(again.files.map((f) => f.action)).toEqual(['unchanged', 'kept']);
    expect(await readFile(join(root, 'etc/default/scst'), 'utf8')).toBe('ISCSID_OPTIONS="-p 3261"\n');
    expect(await calls()).toEqual([]);
  });

  it('on a systemd host: daemon-reload then enable; uninstall: disable, remove, daemon-reload', async () => {
    await mkdir(paths.systemdRuntimeDir, { recursive: true });
    const local = { ...paths, unitDir: join(dir, 'units'), defaultsFile: join(dir, 'default-scst') };
    await installService(local, { cli, packageRoot, enable: true, env });
    expect(await calls()).toEqual(['systemctl daemon-reload', 'systemctl enable scst.service']);
    const removed = await uninstallService(local, { purge: false, env });
    expect(removed.files).toEqual([
      { path: join(dir, 'units', 'scst.service'), action: 'removed' },
      { path: join(dir, 'default-scst'), action: 'kept' },
    ]);
    expect((await calls()).slice(2)).toEqual(['systemctl disable scst.service', 'systemctl daemon-reload']);
  });

  it('without systemd running it installs and says what to run later', async () => {
    const local = { ...paths, unitDir: join(dir, 'units'), defaultsFile: join(dir, 'default-scst') };
    const result = await installService(local, { cli, packageRoot, enable: true, env });
    expect(result.systemctl).toEqual([]);
    expect(result.notes[0]).toMatch(/systemd is not running.*systemctl enable scst\.service/);
  });

  it('refuses to replace or remove a scst.service it did not install', async () => {
    const root = join(dir, 'image');
    await mkdir(join(root, 'etc/systemd/system'), { recursive: true });
    await writeFile(join(root, 'etc/systemd/system/scst.service'), '[Unit]\nDescription=SCST\n');
    await expect(installService(paths, { root, cli, packageRoot, enable: true, env })).rejects.toThrow(/did not install/);
    await expect(uninstallService(paths, { root, purge: true, env })).rejects.toThrow(/did not install/);
    expect(await readFile(join(root, 'etc/systemd/system/scst.service'), 'utf8')).toContain('Description=SCST');
  });

  const analyze = which('systemd-analyze');
  it.skipIf(!analyze)(`systemd-analyze verify accepts the installed unit${analyze ? '' : ' (skipped: systemd-analyze is not installed)'}`, async () => {
    const root = join(dir, 'image');
    await installService(paths, { root, cli, packageRoot, enable: false, env });
    const unitPath = join(root, 'etc/systemd/system/scst.service');
    const output = execFileSync(analyze!, ['verify', unitPath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output).toBe('');
  });
});

describe('the unit command line', () => {
  it('must be absolute and free of newlines and % (systemd specifiers)', async () => {
    const { renderUnit } = await import('../../src/system/service-install.js');
    expect(renderUnit('ExecStart=@CLI@ start\n', '/usr/bin/scstadmin-ts', '/etc/default/scst')).toBe('ExecStart=/usr/bin/scstadmin-ts start\n');
    expect(() => renderUnit('', 'scstadmin-ts', '/etc/default/scst')).toThrow(/absolute path/);
    expect(() => renderUnit('', '/bin/x %n', '/etc/default/scst')).toThrow(expect.objectContaining({ exitCode: 2, object: '--bin' }));
  });
});

describe('unitCommandLine', () => {
  it('quotes words with blanks, quotes or backslashes', async () => {
    const { unitCommandLine } = await import('../../src/system/service-install.js');
    expect(unitCommandLine(['/usr/bin/node', '/opt/my tools/run.js'])).toBe('/usr/bin/node "/opt/my tools/run.js"');
    expect(unitCommandLine(['/a"b'])).toBe('"/a\\"b"');
  });
});
