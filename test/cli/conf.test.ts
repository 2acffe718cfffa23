/**
 * check-config, fmt and write-config through the built binary, as an admin runs them: on real
 * files (exit codes, one line per finding, --json) and on an emulated host (--simulate).
 */
import { execa } from 'execa';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/emulator/simulation.js';
import { applyRecordedWrites, RECORDED_HOST_FILES } from '../conf/recorded-host.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const FIXTURES = join(import.meta.dirname, '..', 'conf', 'fixtures');

function cli(args: string[], env: Record<string, string> = {}) {
  return execa('node', [BIN, ...args], { reject: false, env: { NO_COLOR: '1', ...env } });
}

let scratch: string;
let state: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'conf-cli-'));
  state = join(scratch, 'host.json');
  const sim = await createSimulation(state, { useRealFileSystem: false, hostFiles: RECORDED_HOST_FILES }, true);
  await applyRecordedWrites(sim.sysfs);
  await sim.save();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('check-config', () => {
  it('lists every error of a broken file as file:line:col and exits 2, without a stack trace', async () => {
    const file = join(FIXTURES, 'broken.conf');
    const { stdout, stderr, exitCode } = await cli(['check-config', file, '--offline']);
    expect(exitCode).toBe(2);
    expect(stdout).toContain(`${file}:4:3: error: 'bogus_attr' is not an attribute of vdisk_fileio device disk9`);
    expect(stdout).toContain(`${file}:7:1: error: section 'TARGET_DRIVER iscsi' is never closed`);
    expect(stdout).toContain(`${file}:9:3: error: device 'nosuchdevice' is not defined in any HANDLER section`);
    expect(stdout).toMatch(/3 errors, 1 warning/);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('gives the findings as JSON with file, line and severity', async () => {
    const { stdout, exitCode } = await cli(['check-config', join(FIXTURES, 'broken.conf'), '--offline', '--json']);
    expect(exitCode).toBe(2);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ errors: 3, warnings: 1, live: false, offline: true });
    expect(report.findings[1]).toMatchObject({ severity: 'error', line: 4, col: 3, code: 'CONF_UNKNOWN_ATTRIBUTE' });
  });

  it('takes SCST_CONF as the default file and exits 0 on warnings only', async () => {
    const file = join(scratch, 'ok.conf');
    writeFileSync(file, 'HANDLER vdisk_nullio {\n\tDEVICE n1\n}\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2024-01.a.b:t {\n\t\tLUN 1 n1\n\t}\n}\n');
    const { stdout, exitCode } = await cli(['check-config', '--offline'], { SCST_CONF: file });
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`${file}:5:2: warning: target iqn.2024-01.a.b:t has LUNs but no LUN 0`);
  });

  it('tells --offline apart from SCST not being loaded', async () => {
    const file = join(FIXTURES, 'broken.conf');
    const asked = await cli(['check-config', file, '--offline']);
    expect(asked.stdout).toContain('checked offline only (--offline)');
    const absent = await cli(['check-config', file, '--json', '--sysfs-root', join(scratch, 'no-scst-here')]);
    expect(JSON.parse(absent.stdout)).toMatchObject({ live: false, offline: false });
  });

  it('checks against the emulated host: a driver that is not loaded is an error', async () => {
    const file = join(scratch, 'qla.conf');
    writeFileSync(file, 'HANDLER vdisk_nullio {\n\tDEVICE n1\n}\nTARGET_DRIVER ib_srpt {\n\tTARGET fe80::1 {\n\t\tLUN 0 n1\n\t}\n}\n');
    const { stdout, exitCode } = await cli(['check-config', file, `--simulate=${state}`]);
    expect(exitCode).toBe(2);
    expect(stdout).toContain(`${file}:4:1: error: target driver 'ib_srpt' is not loaded in SCST`);
    expect(stdout).toContain('checked offline and against the live SCST');
  });

  it('asks the emulated host, not this machine, whether backing files exist', async () => {
    const file = join(scratch, 'backed.conf');
    writeFileSync(file, 'HANDLER vdisk_fileio {\n\tDEVICE w1 {\n\t\tfilename /tmp/p2.img\n\t}\n\tDEVICE w2 {\n\t\tfilename /nonexistent/on/the/emulated/host.img\n\t}\n}\n');
    const { stdout } = await cli(['check-config', file, `--simulate=${state}`, '--json']);
    const missing = JSON.parse(stdout).findings.filter((f: { code: string }) => f.code === 'CONF_BACKING_MISSING');
    expect(missing.map((f: { line: number }) => f.line)).toEqual([6]);
  });

  it('says which file is missing, exit 2', async () => {
    const { stderr, exitCode } = await cli(['check-config', join(scratch, 'nope.conf'), '--offline']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`scstadmin-ts: ${join(scratch, 'nope.conf')}: no such file`);
  });
});

describe('write-config', () => {
  it('saves the live state as Perl scstadmin would, mode 0600, secrets not on the terminal', async () => {
    const file = join(scratch, 'saved.conf');
    const { stdout, exitCode } = await cli(['write-config', file, `--simulate=${state}`]);
    expect(exitCode).toBe(0);
    expect(stdout).not.toContain('secret12345678');
    expect(stdout).toMatch(/Wrote .*saved\.conf \(2 devices, 3 targets\); 1 CHAP secret saved in the file/);
    const text = readFileSync(file, 'utf8');
    // Perl's file but for the copy manager's automatic LUNs (Perl -config would add them twice).
    const perl = readFileSync(join(FIXTURES, 'perl-write-14.conf'), 'utf8').replace(/TARGET_DRIVER copy_manager \{\n[^]*?\n\}\n\n/, '');
    expect(text.split('\n').slice(1)).toEqual(perl.split('\n').slice(1));
    expect(text.split('\n')[0]).toMatch(/^# Automatically generated by SCST Configurator v3\.11\.0-pre \(scstadmin-ts [\d.]+\)\.$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = await cli(['save', file, `--simulate=${state}`, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false });
    expect(readdirSync(scratch)).not.toContain('saved.conf.backups');
  });
});

describe('fmt', () => {
  it('prints the canonical layout with secrets masked, and is idempotent', async () => {
    const file = join(scratch, 'messy.conf');
    writeFileSync(file, 'TARGET_DRIVER iscsi {\r\n  TARGET iqn.2024-01.a.b:t {\r\n    IncomingUser "joe secret-000001"\r\n    enabled 1\r\n  }\r\n  enabled 1\r\n}');
    const first = await cli(['fmt', file]);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('\t\tIncomingUser "joe ********"\n\t\tenabled 1\n');
    expect(first.stdout).not.toContain('secret-000001');
    const written = await cli(['fmt', file, '--write']);
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toMatch(/Rewrote .*messy\.conf in canonical layout/);
    expect(readFileSync(file, 'utf8')).toContain('IncomingUser "joe secret-000001"');
    const again = await cli(['fmt', file, '--write']);
    expect(again.stdout).toMatch(/already in canonical layout/);
  });

  it('refuses to drop comments without --force, and a file with errors with every error', async () => {
    const file = join(scratch, 'commented.conf');
    writeFileSync(file, '# keep me\nHANDLER vdisk_nullio {\n\tDEVICE n1\n}\n');
    chmodSync(file, 0o600);
    const refused = await cli(['fmt', file, '--write']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('comment');
    expect(readFileSync(file, 'utf8')).toContain('# keep me');
    const tricky = join(scratch, 'tricky.conf');
    writeFileSync(tricky, 'HANDLER vdisk_nullio {\n\tDEVICE a { size_mb 64 }\n\tDEVICE b\n\t{\n\t}\n\tDEVICE c {\n\t\tsize_mb 16#MiB\n\t}\n');
    const broken = await cli(['fmt', tricky]);
    expect(broken.exitCode).toBe(2);
    const lines = broken.stderr.split('\n').filter((l) => l.startsWith('scstadmin-ts:'));
    expect(lines).toEqual([
      `scstadmin-ts: 4 errors in ${tricky}`,
      `scstadmin-ts: ${tricky}:1:1: section 'HANDLER vdisk_nullio' is never closed: '}' missing`,
      `scstadmin-ts: ${tricky}:2:13: 'size_mb …' before '}' on the same line is ignored by scstadmin`,
      `scstadmin-ts: ${tricky}:4:2: '{' without a section header on its line: scstadmin would drop this whole block`,
      `scstadmin-ts: ${tricky}:7:13: '#' starts a comment here and scstadmin also drops the character before it ('6')`,
    ]);
  });
});

describe('broken files through the binary', () => {
  it('give one scstadmin-ts line per error naming file:line:col, exit 2, never a stack trace', async () => {
    const inputs = [
      'HANDLER vdisk_fileio {\n\tDEVICE d {\n\t\tfilename "/a b\n\t}\n',
      '}}}\n{{{\n',
      `TARGET_DRIVER iscsi {\n\tTARGET ${'x'.repeat(5000)} a b c d {\n\u0001\u0002\n}\n`,
      'HANDLER \\{ vdisk }\n\tDEVICE\n#',
    ];
    for (const [i, text] of inputs.entries()) {
      const file = join(scratch, `fuzzed-${i}.conf`);
      writeFileSync(file, text);
      const { stderr, exitCode } = await cli(['fmt', file]);
      expect(exitCode, text).toBe(2);
      const lines = stderr.split('\n').filter((l) => l !== '' && !l.startsWith('hint:'));
      expect(lines.length, text).toBeGreaterThan(0);
      for (const line of lines) expect(line, text).toMatch(new RegExp(`^scstadmin-ts: (\\d+ errors in )?${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+: |$)`));
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
