import { describe, expect, it } from 'vitest';
import { checkToken, mgmtCommand, splitLexemes } from '../../src/sysfs/mgmt-command.js';
import { UserError, EXIT } from '../../src/errors.js';

function failure(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('mgmtCommand', () => {
  it('renders parameters as name=value; pairs without a trailing newline, as SCST.pm does', () => {
    const line = mgmtCommand('add_device', [{ value: 'disk1', what: 'device name' }], [
      { name: 'filename', value: '/srv/disk1.img' },
      { name: 'nv_cache', value: '1' },
    ]);
    expect(line).toBe('add_device disk1 filename=/srv/disk1.img;nv_cache=1;');
  });

  it('renders commands without parameters as plain words', () => {
    expect(mgmtCommand('del', ['3'])).toBe('del 3');
    expect(mgmtCommand('clear', [])).toBe('clear');
  });

  it('accepts a two-lexeme CHAP value only where it is declared', () => {
    const line = mgmtCommand('add_target_attribute', ['iqn.2024-01.lab:t1', 'IncomingUser', ...splitLexemes('joe secret12345678', 2, 'CHAP user')]);
    expect(line).toBe('add_target_attribute iqn.2024-01.lab:t1 IncomingUser joe secret12345678');
    expect(mgmtCommand('add_target', ['iqn.x'], [{ name: 'IncomingUser', value: 'joe secret12345678', lexemes: 2 }])).toBe(
      'add_target iqn.x IncomingUser=joe secret12345678;',
    );
    expect(() => mgmtCommand('add_target', ['iqn.x'], [{ name: 'QueuedCommands', value: '32 64' }])).toThrow(/contains a space/);
  });

  it.each([
    ['a space', 'disk 1', /contains a space/],
    ['a semicolon', 'disk;1', /contains ";"/],
    ['an equals sign', 'disk=1', /contains "="/],
    ['a newline', 'disk\n1', /contains a newline/],
    ['a tab', 'disk\t1', /contains a tab/],
    ['a control character', 'disk\u00071', /U\+0007/],
    ['a non-breaking space', 'disk\u00a01', /U\+00A0/],
  ])('refuses a name with %s, naming the object, exit 2', (_label, name, pattern) => {
    const error = failure(() => mgmtCommand('add_device', [{ value: name, what: 'device name' }], [], { object: 'device x' }));
    expect(error.message).toMatch(pattern);
    expect(error.message).toMatch(/device name/);
    expect(error.object).toBe('device x');
    expect(error.exitCode).toBe(EXIT.USAGE);
    expect(error.message).not.toContain('\n');
  });

  it('refuses empty tokens, bad verbs, bad parameter names and values', () => {
    expect(failure(() => mgmtCommand('add_device', [{ value: '', what: 'device name' }])).message).toBe('device name is empty');
    expect(() => mgmtCommand('add device', [])).toThrow(/not a management verb/);
    expect(() => mgmtCommand('add_device', ['d1'], [{ name: 'file name', value: '/x' }])).toThrow(/parameter name/);
    expect(() => mgmtCommand('add_device', ['d1'], [{ name: 'filename', value: '/x;read_only=1' }])).toThrow(/value of parameter filename.*";"/);
  });

  it('enforces per-object length limits and the one-page limit', () => {
    expect(checkToken({ value: 'x'.repeat(64), what: 'device name', maxBytes: 64 })).toHaveLength(64);
    expect(failure(() => checkToken({ value: 'x'.repeat(65), what: 'device name', maxBytes: 64 })).message).toBe(
      'device name is 65 bytes long; SCST accepts at most 64',
    );
    expect(() => mgmtCommand('add_device', ['d1'], [{ name: 'filename', value: `/${'a'.repeat(4100)}` }])).toThrow(/at most 4095/);
  });

  it('refuses a doubled blank inside a two-word value', () => {
    expect(() => splitLexemes('joe  secret', 2, 'CHAP user')).toThrow(/doubled blank/);
    expect(() => splitLexemes('joe', 2, 'CHAP user')).toThrow(/2 words/);
  });
});
