/**
 * The shape of scst.conf's sections (spec §3): which keyword may stand in which section. The
 * parser reads sections by it; the lexer uses it to recover from a missing '}' (a keyword that
 * belongs to an enclosing section closes the sections it cannot stand in) and to bound nesting.
 */

export const KEYWORDS = ['HANDLER', 'TARGET_DRIVER', 'ALUA', 'DEVICE_GROUP', 'DEVICE', 'TARGET', 'LUN', 'GROUP', 'INITIATOR', 'TARGET_GROUP', 'HW_TARGET'] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** The top level, as a parent. */
export const TOP = '';

/** The sections each keyword may stand in. */
const PARENTS: Record<Keyword, readonly string[]> = {
  HANDLER: [TOP],
  TARGET_DRIVER: [TOP],
  ALUA: [TOP],
  DEVICE_GROUP: [TOP],
  DEVICE: ['HANDLER', 'DEVICE_GROUP'],
  TARGET: ['TARGET_DRIVER', 'TARGET_GROUP'],
  LUN: ['TARGET', 'GROUP'],
  GROUP: ['TARGET'],
  INITIATOR: ['GROUP'],
  TARGET_GROUP: ['DEVICE_GROUP'],
  HW_TARGET: ['TARGET'],
};

/** The deepest nesting the grammar has: TARGET_DRIVER > TARGET > GROUP > LUN { … }. */
export const MAX_NESTING = 4;

export function isKeyword(word: string): word is Keyword {
  return Object.hasOwn(PARENTS, word);
}

/** Whether `keyword` may stand in a section led by `parent` (TOP for the top level). */
export function allowedIn(keyword: Keyword, parent: string): boolean {
  return PARENTS[keyword].includes(parent);
}
