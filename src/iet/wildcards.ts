/**
 * Translating IET's initiator-name patterns — POSIX basic regular expressions, anchored at both
 * ends, case-sensitive — into SCST's initiator wildcards (`*`, `?`, no classes, no escapes,
 * matched ignoring case), per ietd-conf.md §3.7. What cannot be said exactly is refused, never
 * approximated: a wrong pattern would widen or narrow access silently.
 */

export type Translation =
  | { kind: 'wildcards'; wildcards: string[] }
  /** IET never matched this entry; dropping it changes nothing. */
  | { kind: 'never-matched'; reason: string }
  /** Not expressible in SCST wildcards. */
  | { kind: 'refused'; reason: string };

export const MAX_EXPANSION = 32;

export function translateRegex(regex: string): Translation {
  if (regex === '') return { kind: 'never-matched', reason: 'an empty pattern never matched' };
  if (regex.startsWith('^') || (regex.endsWith('$') && !regex.endsWith('\\$'))) {
    return { kind: 'never-matched', reason: 'IET wrapped the pattern in ^…$ itself, so a written ^ or $ made it match nothing' };
  }
  if (/\s/.test(regex)) return { kind: 'never-matched', reason: 'initiator names contain no blanks' };
  const positions: string[][] = [];
  const refuse = (reason: string): Translation => ({ kind: 'refused', reason });
  for (let i = 0; i < regex.length; ) {
    const c = regex[i] as string;
    const starred = regex[i + 1] === '*';
    if (c === '.') {
      positions.push([starred ? '*' : '?']);
      i += starred ? 2 : 1;
      continue;
    }
    let alternatives: string[];
    let length: number;
    if (c === '\\') {
      const next = regex[i + 1];
      if (next === undefined) return { kind: 'never-matched', reason: 'a trailing backslash makes the pattern invalid' };
      if ('{}()|+?123456789'.includes(next)) return refuse(`\\${next} (intervals, groups, alternation, back-references) has no wildcard equivalent`);
      alternatives = [next];
      length = 2;
    } else if (c === '[') {
      const bracket = readBracket(regex, i);
      if ('reason' in bracket) return bracket.invalid ? { kind: 'never-matched', reason: bracket.reason } : refuse(bracket.reason);
      alternatives = bracket.members;
      length = bracket.length;
    } else if (c === '*') {
      return refuse('a literal * cannot be written in SCST wildcards');
    } else if (c === '^' || c === '$') {
      return refuse(`${c} inside the pattern has no wildcard equivalent`);
    } else {
      alternatives = [c];
      length = 1;
    }
    if (regex[i + length] === '*') return refuse(`repetition ${regex.slice(i, i + length)}* has no wildcard equivalent (only .* does)`);
    if (alternatives.some((a) => a === '*' || a === '?' || a === '!')) return refuse('a literal *, ? or ! cannot be written in SCST wildcards (there is no escape)');
    positions.push(alternatives);
    i += length;
  }
  const count = positions.reduce((n, alts) => n * alts.length, 1);
  if (count > MAX_EXPANSION) return refuse(`the character classes expand to ${count} patterns (at most ${MAX_EXPANSION})`);
  let wildcards = [''];
  for (const alts of positions) wildcards = wildcards.flatMap((prefix) => alts.map((a) => prefix + a));
  return { kind: 'wildcards', wildcards };
}

type Bracket = { members: string[]; length: number } | { reason: string; invalid?: boolean };

function readBracket(regex: string, start: number): Bracket {
  let i = start + 1;
  if (regex[i] === '^') return { reason: 'a negated class [^…] has no wildcard equivalent' };
  const members: string[] = [];
  let first = true;
  while (i < regex.length && (regex[i] !== ']' || first)) {
    const c = regex[i] as string;
    first = false;
    if (c === '[' && (regex[i + 1] === ':' || regex[i + 1] === '=' || regex[i + 1] === '.')) {
      return { reason: 'named classes such as [:digit:] are not expanded' };
    }
    const to = regex[i + 2];
    if (regex[i + 1] === '-' && to !== undefined && to !== ']') {
      if (to.charCodeAt(0) < c.charCodeAt(0)) return { reason: `invalid range ${c}-${to}`, invalid: true };
      for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code += 1) members.push(String.fromCharCode(code));
      i += 3;
    } else {
      members.push(c);
      i += 1;
    }
  }
  if (i >= regex.length) return { reason: 'an unclosed [ makes the pattern invalid', invalid: true };
  return { members: [...new Set(members)], length: i + 1 - start };
}
