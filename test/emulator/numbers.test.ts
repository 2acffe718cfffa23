import { describe, expect, it } from 'vitest';
import { kernelErrno as errnoOf } from './helpers.js';
import { kstrtobool, kstrtoint, kstrtol, kstrtoll, kstrtoul, kstrtoull, scanDecimal } from '../../src/emulator/numbers.js';

describe('kstrto* number parsing (base 0)', () => {
  it('reads decimal, hex and octal, with one optional trailing newline', () => {
    expect(kstrtoul('42')).toBe(42);
    expect(kstrtoul('42\n')).toBe(42);
    expect(kstrtoul('0x1F')).toBe(31);
    expect(kstrtoul('010')).toBe(8);
    expect(kstrtoul('0')).toBe(0);
    expect(kstrtoul('+7')).toBe(7);
  });

  it('refuses leading blanks, a second newline, junk and bad octal digits', () => {
    expect(errnoOf(() => kstrtoul(' 1'))).toBe('EINVAL');
    expect(errnoOf(() => kstrtoul('1\n\n'))).toBe('EINVAL');
    expect(errnoOf(() => kstrtoul('08'))).toBe('EINVAL');
    expect(errnoOf(() => kstrtoul('1T'))).toBe('EINVAL');
    expect(errnoOf(() => kstrtoul(''))).toBe('EINVAL');
    expect(errnoOf(() => kstrtoul('0x'))).toBe('EINVAL');
  });

  it('unsigned parsers refuse a minus sign; signed ones take it', () => {
    expect(errnoOf(() => kstrtoul('-1'))).toBe('EINVAL');
    expect(kstrtol('-1')).toBe(-1);
    expect(kstrtoll('-9223372036854775808')).toBe(-9223372036854775808n);
  });

  it('reports overflow as ERANGE', () => {
    expect(kstrtoull('18446744073709551615')).toBe(18446744073709551615n);
    expect(errnoOf(() => kstrtoull('18446744073709551616'))).toBe('ERANGE');
    expect(errnoOf(() => kstrtoll('9223372036854775808'))).toBe('ERANGE');
    expect(errnoOf(() => kstrtoint('2147483648'))).toBe('ERANGE');
    expect(kstrtoint('-2147483648')).toBe(-2147483648);
  });

  it('kstrtobool looks at the first characters only', () => {
    expect(kstrtobool('1\n')).toBe(true);
    expect(kstrtobool('yes')).toBe(true);
    expect(kstrtobool('N')).toBe(false);
    expect(kstrtobool('on')).toBe(true);
    expect(kstrtobool('off')).toBe(false);
    expect(errnoOf(() => kstrtobool('2'))).toBe('EINVAL');
  });

  it('reads all digits before judging the rest: an overflow followed by junk is ERANGE', () => {
    expect(errnoOf(() => kstrtoull('99999999999999999999x'))).toBe('ERANGE');
    expect(errnoOf(() => kstrtoll('-0x80000000000000001 '))).toBe('ERANGE');
    expect(errnoOf(() => kstrtoul('0x1g'))).toBe('EINVAL');
    expect(kstrtol('-0')).toBe(0);
  });

  it('sscanf %lld: blanks skipped, base 10, junk after the digits ignored, wraps modulo 2^64', () => {
    expect(scanDecimal(' \t42abc')).toEqual({ bits: 42n, end: 4 });
    expect(scanDecimal('0x10')?.bits).toBe(0n);
    expect(scanDecimal('010')?.bits).toBe(10n);
    expect(scanDecimal('-1')?.bits).toBe(18446744073709551615n);
    expect(scanDecimal('18446744073709551617')?.bits).toBe(1n);
    expect(scanDecimal('+1')).toBeUndefined();
    expect(scanDecimal('-1', { signed: false })).toBeUndefined();
  });
});

