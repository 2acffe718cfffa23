import { describe, expect, it } from 'vitest';
import { kernelErrno } from './helpers.js';
import { Lexer, negatableWildcardMatch, parseParams, wildcardMatch } from '../../src/emulator/tokenizer.js';

function lexemes(text: string): string[] {
  const lexer = new Lexer(text);
  const out: string[] = [];
  for (let word = lexer.next(); word !== ''; word = lexer.next()) out.push(word);
  return out;
}

const paramsErrno = (text: string): string | undefined => kernelErrno(() => parseParams(text));

describe('SCST mgmt tokenizer', () => {
  it('treats whitespace and = alike as separators', () => {
    expect(lexemes('a=b')).toEqual(['a', 'b']);
    expect(lexemes('  a == b\n')).toEqual(['a', 'b']);
    expect(lexemes('dev;semi x')).toEqual(['dev;semi', 'x']);
  });

  it('leaves the rest after the lexemes read, minus one separator', () => {
    const lexer = new Lexer('add_device d1  filename=/x');
    lexer.next();
    lexer.next();
    expect(lexer.rest()).toBe(' filename=/x');
  });

  it('splits parameters at ; and newline and stops at the first empty token', () => {
    expect(parseParams('a=1;b=2')).toEqual([{ name: 'a', value: '1' }, { name: 'b', value: '2' }]);
    expect(parseParams('a=1;;b=2')).toEqual([{ name: 'a', value: '1' }]);
    expect(parseParams('a=1;\n')).toEqual([{ name: 'a', value: '1' }]);
    expect(parseParams(' a=1; b=2')).toEqual([{ name: 'a', value: '1' }, { name: 'b', value: '2' }]);
    expect(parseParams('')).toEqual([]);
  });

  it('refuses blank tokens, missing values and third words', () => {
    expect(paramsErrno('a=1; ')).toBe('EINVAL');
    expect(paramsErrno('read_only')).toBe('EINVAL');
    expect(paramsErrno('=1')).toBe('EINVAL');
    expect(paramsErrno('a=1 2')).toBe('EINVAL');
  });

  it('matches initiator patterns case-insensitively with * and ?', () => {
    expect(wildcardMatch('iqn.*:host?', 'IQN.1993-08.org:HOST1')).toBe(true);
    expect(wildcardMatch('iqn.*:host?', 'iqn.x:host12')).toBe(false);
    expect(wildcardMatch('*', '')).toBe(true);
    expect(wildcardMatch('a*b*c', 'aXXbYYc')).toBe(true);
    expect(wildcardMatch('!x', '!X')).toBe(true);
  });

  it('a ! inverts the match of the rest of the pattern where the scan reaches it, as SCST\'s wildcmp', () => {
    const m = negatableWildcardMatch;
    expect(m('!iqn.bad*', 'iqn.good:1')).toBe(true);
    expect(m('!iqn.bad*', 'IQN.BAD:1')).toBe(false);
    expect(m('!*', 'anything')).toBe(false);
    // Not a prefix operator: the part before it must match, the rest is inverted.
    expect(m('bl!?h.*', 'blah.jpg')).toBe(false);
    expect(m('bl!?h.*', 'blah')).toBe(true);
    expect(m('bl!?h.*', 'xlah.jpg')).toBe(false);
    // After a *, the ! applies at the first place the scan gets to, without backtracking.
    expect(m('iqn.*:!db*', 'iqn.x:web1')).toBe(true);
    expect(m('iqn.*:!db*', 'iqn.x:db1')).toBe(false);
    expect(m('iqn.*:!db*', 'iqn.x:a:db1')).toBe(true);
    // A ! the scan never reaches (the name ran out first) fails; only the first ! is special.
    expect(m('abc!', 'abc')).toBe(false);
    expect(m('abc!', 'abcd')).toBe(true);
    expect(m('!a!b', 'a!b')).toBe(false);
    expect(m('!a!b', 'a!c')).toBe(true);
    // Without a ! it is the plain wildcard match.
    expect(m('iqn.*:host?', 'IQN.1993-08.org:HOST1')).toBe(true);
  });
});
