/**
 * `migrate-iet` through the built binary, as an admin runs it on an IET host laid out below
 * --root: which files it reads, the report, exit codes, --json, --output, --apply.
 */
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const T = 'iqn.2004-01.lab.test:store.a';

function cli(args: string[]) {
  return execa('node', [BIN, 'migrate-iet', ...args], { reject: false, env: { NO_COLOR: '1' } });
}

let scratch: string;
let root: string;
let store: string;

function put(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'migrate-iet-cli-'));
  root = join(scratch, 'host');
  store = join(scratch, 'store');
  mkdirSync(store);
  writeFileSync(join(store, 'a.img'), Buffer.alloc(1 << 20));
  // The IET host: /etc/iet shadows the old /etc location.
  put('/etc/iet/ietd.conf', `IncomingUser disco secretsecret12\nTarget ${T}\n\tIncomingUser alice alicesecret-01\n\tLun 0 Path=${store}/a.img,ScsiSN=A0001\n\tNOPInterval 15\n`);
  put('/etc/ietd.conf', 'Target iqn.2000-01.old:ignored\n\tLun 0 Path=/nowhere\n');
  put('/etc/iet/initiators.allow', `${T} iqn\\.1991-05\\.com\\.microsoft:app0[1-2]\\..*\nALL ALL\n`);
  put('/etc/default/iscsitarget', 'ISCSITARGET_ENABLE=true\nISCSITARGET_OPTIONS="-a 10.0.0.1 -p 3261"\n');
  put('/etc/iscsi-scstd.conf', `Target ${T}\n`);
  put('/proc/modules', 'iscsi_trgt 77824 4 - Live 0x0000000000000000\n');
  put('/proc/net/iet/volume', `tid:1 name:${T}\n\tlun:0 state:0 iotype:fileio iomode:wt blocks:2048 blocksize:512 path:${store}/a.img\n\tlun:1 state:0 iotype:fileio iomode:wt blocks:2048 blocksize:512 path:/srv/added-by-ietadm.img\n`);
  // The store lives outside the fake root: the probe must see it below the root too.
  mkdirSync(join(root, store), { recursive: true });
  writeFileSync(join(root, store, 'a.img'), Buffer.alloc(1 << 20));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('reading an IET host', () => {
  it('uses /etc/iet over /etc, prints scst.conf on stdout and the report on stderr', async () => {
    const { stdout, stderr, exitCode } = await cli(['--root', root]);
    expect(exitCode, stderr).toBe(0);
    expect(stderr).toContain('ietd.conf: /etc/iet/ietd.conf');
    expect(stderr).toContain('initiators.allow: /etc/iet/initiators.allow');
    expect(stdout).not.toContain('iqn.2000-01.old');
    expect(stdout).toContain('INITIATOR iqn.1991-05.com.microsoft:app01.*');
    expect(stdout).toContain('IncomingUser "alice alicesecret-01"'); // stdout is the config: secrets are what was asked for
    expect(stdout).toContain('usn "           A0001"');
    expect(stderr).not.toContain('alicesecret-01');
    for (const code of ['IET_DAEMON_OPTIONS', 'IET_LEGACY_ISCSI_SCSTD_CONF', 'IET_LIVE_DIFFERS', 'IET_IDENTITY_CHANGES']) expect(stderr).toContain(code);
    expect(stderr).toContain('-a 10.0.0.1 -p 3261');
    expect(stderr).toContain('/srv/added-by-ietadm.img');
  });

  it('--json: sources, findings, summary and the configuration with secrets masked', async () => {
    const { stdout, stderr, exitCode } = await cli(['--root', root, '--json']);
    expect(exitCode, stderr).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.sources[0]).toEqual({ role: 'ietd.conf', path: '/etc/iet/ietd.conf', tried: ['/etc/iet/ietd.conf', '/etc/ietd.conf'] });
    expect(json.summary.errors).toBe(0);
    expect(json.findings.some((f: { code: string; location: string }) => f.code === 'IET_IDENTITY_CHANGES' && f.location === '/etc/iet/ietd.conf:4')).toBe(true);
    expect(json.config.drivers.iscsi.targets[T].attributes.IncomingUser).toEqual(['alice ********']);
    expect(stdout).not.toContain('alicesecret-01');
    expect(stdout).not.toContain('secretsecret12');
    const withSecrets = await cli(['--root', root, '--json', '--show-secrets']);
    expect(withSecrets.exitCode, withSecrets.stdout + withSecrets.stderr).toBe(0);
    const shown = JSON.parse(withSecrets.stdout);
    expect(shown.config.drivers.iscsi.targets[T].attributes.IncomingUser).toEqual(['alice alicesecret-01']);
  });
});

describe('address rules', () => {
  it('are refused by default; --legacy-ip-acl carries them to iscsi-scstd files (shown, written only by --apply)', async () => {
    const host = join(scratch, 'iphost');
    mkdirSync(join(host, 'etc/iet'), { recursive: true });
    writeFileSync(join(host, 'etc/iet/ietd.conf'), `Target ${T}\n\tLun 0 Type=nullio\n`);
    writeFileSync(join(host, 'etc/iet/initiators.allow'), `${T} 10.0.0.0/8\n`);
    writeFileSync(join(host, 'etc/iet/initiators.deny'), 'ALL ALL\n');
    // Shadowed for IET by /etc/iet, but iscsi-scstd would read it.
    writeFileSync(join(host, 'etc/initiators.deny'), 'stale ALL\n');
    const refused = await cli(['--root', host]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('IET_ACL_IP_UNSUPPORTED');
    const { stdout, stderr, exitCode } = await cli(['--root', host, '--legacy-ip-acl', '--json']);
    expect(exitCode, stderr).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.legacyAclFiles['/etc/initiators.allow']).toContain(`${T} 10.0.0.0/8\n`);
    expect(json.legacyAclFiles['/etc/initiators.deny']).toContain(`${T} ALL\n`);
    expect(readFileSync(join(host, 'etc/initiators.deny'), 'utf8')).toBe('stale ALL\n');
    const stale = await cli(['--root', host, '--drop-ip-acl']);
    expect(stale.exitCode).toBe(0);
    expect(stale.stderr).toMatch(/error! .*IET_ACL_IP_DROPPED/);
    expect(stale.stderr).toContain('IET_LEGACY_ACL_FILES_PRESENT');
  });
});

describe('refusals: exit 2, one line per error with file:line, nothing written', () => {
  it('errors in ietd.conf', async () => {
    const dir = join(scratch, 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ietd.conf'), `Target ${T}\n\tIncomingUser joe secret\n\tLun 0 Path=/srv/a, Type=fileio\n\tMaxCommands 4\n`);
    const output = join(dir, 'scst.conf');
    const { stdout, stderr, exitCode } = await cli([join(dir, 'ietd.conf'), '--offline', '--output', output]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l.startsWith('scstadmin-ts:'));
    expect(lines).toEqual([
      expect.stringMatching(/ietd\.conf:2: IET_CHAP_SECRET_TOO_SHORT: /),
      expect.stringMatching(/ietd\.conf:3: IET_LUN_BLANK_AFTER_COMMA: /),
      expect.stringMatching(/ietd\.conf:4: IET_DIRECTIVE_UNKNOWN: /),
      expect.stringMatching(/migration refused: 3 error\(s\)/),
    ]);
    expect(stderr).not.toContain('joe secret');
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(readdirSync(dir)).toEqual(['ietd.conf']);
  });

  it('a template, and a file that cannot be read', async () => {
    const dir = join(scratch, 'tmpl');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ietd.conf'), `Target ${T}\n<% @luns.each do |l| %>\n`);
    const template = await cli([join(dir, 'ietd.conf'), '--offline']);
    expect(template.exitCode).toBe(2);
    expect(template.stderr).toMatch(/ietd\.conf:2: IET_TEMPLATE: a template/);
    const missing = await cli([join(dir, 'nope.conf')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe(`scstadmin-ts: ${join(dir, 'nope.conf')}: cannot read: no such file`);
    const secrets = await cli([join(dir, 'ietd.conf'), '--offline', '--chap-secrets', join(dir, 'nope.secrets')]);
    expect(secrets.exitCode).toBe(2);
    expect(secrets.stderr.split('\n')[0]).toBe(`scstadmin-ts: ${join(dir, 'nope.secrets')}: cannot read: no such file`);
  });

  it('--json on a refusal gives the findings', async () => {
    const dir = join(scratch, 'bad');
    const { stdout, exitCode } = await cli([join(dir, 'ietd.conf'), '--offline', '--json']);
    expect(exitCode).toBe(2);
    const json = JSON.parse(stdout);
    expect(json.error.code).toBe('IET_MIGRATION_REFUSED');
    const errors = json.error.details.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { code: string }) => f.code).sort()).toEqual(['IET_CHAP_SECRET_TOO_SHORT', 'IET_DIRECTIVE_UNKNOWN', 'IET_LUN_BLANK_AFTER_COMMA']);
    expect(json.error.details.errors[0]).toMatch(/ietd\.conf:2: IET_CHAP_SECRET_TOO_SHORT/);
  });
});

describe('output and apply', () => {
  it('--output writes mode 0600 atomically and keeps the previous file', async () => {
    const output = join(scratch, 'out', 'scst.conf');
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, '# old\n');
    const { stdout, stderr, exitCode } = await cli(['--root', root, '--output', output]);
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toContain('written (mode 0600; previous kept');
    expect(statSync(output).mode & 0o777).toBe(0o600);
    expect(readFileSync(output, 'utf8')).toContain('IncomingUser "alice alicesecret-01"');
    const backups = readdirSync(`${output}.backups`);
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(`${output}.backups`, backups[0]!), 'utf8')).toBe('# old\n');
  });

  it('--apply refuses while iscsi_trgt is loaded', async () => {
    const { stderr, exitCode } = await cli(['--root', root, '--apply', '--sysfs-root', join(scratch, 'no-sysfs')]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('IET still holds this host: the iscsi_trgt kernel module is loaded');
  });

  it('--apply on a fresh emulated host: show --json then has the target, LUNs, group and CHAP users', async () => {
    const sim = join(scratch, 'sim.json');
    await execa('node', [BIN, 'simulate', 'create', `--simulate=${sim}`]);
    const dry = await cli(['--root', root, '--apply', '--dry-run', `--simulate=${sim}`]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+ target iscsi/iqn.2004-01.lab.test:store.a: create target');
    const { stdout, stderr, exitCode } = await cli(['--root', root, '--apply', `--simulate=${sim}`]);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Applied \d+ sysfs write\(s\)\./);
    expect(stdout).not.toContain('alicesecret-01');
    const show = JSON.parse((await execa('node', [BIN, 'show', '--json', `--simulate=${sim}`])).stdout);
    const iscsi = show.drivers?.iscsi ?? show.config?.drivers?.iscsi;
    const target = iscsi.targets[T];
    expect(target.enabled).toBe(true);
    expect(Object.values(target.groups.iet_allow.luns).map((l: unknown) => (l as { device: string }).device)).toEqual(['store_a_0']);
    expect(target.groups.iet_allow.initiators.sort()).toEqual(['iqn.1991-05.com.microsoft:app01.*', 'iqn.1991-05.com.microsoft:app02.*']);
    expect(target.attributes.IncomingUser.map((u: string) => u.split(' ')[0])).toEqual(['alice']);
    expect(iscsi.attributes.IncomingUser.map((u: string) => u.split(' ')[0])).toEqual(['disco']);
  });
});
