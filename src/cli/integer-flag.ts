/**
 * The one way to declare a numeric flag: `integerFlag({ description, min, max, default? })`.
 *
 * oclif's own `Flags.integer` reads the text with `parseInt` and checks only the bounds given,
 * so `--suspend 99999999999999999999` became 1e20 and reached the kernel (ERANGE, exit 1), and
 * digits beyond 2^53 were silently rounded. This flag takes plain decimal digits (an optional
 * leading `-` where `min` is negative), compares the exact value with `min` and `max` before
 * converting it, and refuses anything outside as bad usage (exit 2, nothing changed).
 *
 * `min` and `max` are required: pick `max` from what the value means (the kernel's range for
 * a value written to sysfs, a sane ceiling for seconds or counts), never leave it open.
 * Bare `Flags.integer` is refused by the lint configuration so new flags come through here.
 *
 * Example: `suspend: integerFlag({ description: 'suspend timeout', helpValue: 'SECONDS', min: 0, max: 86_400 })`.
 */
import { CLIError } from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import type { FlagDefinition } from '@oclif/core/interfaces';

// A type, not an interface: oclif's CustomOptions wants an index signature, which only type aliases satisfy.
export type IntegerBounds = {
  /** Smallest accepted value (inclusive). */
  min: number;
  /** Largest accepted value (inclusive); at most Number.MAX_SAFE_INTEGER. */
  max: number;
};

/** `text` as an integer within `bounds`, or a usage error naming the range. */
export function parseIntegerFlag(text: string, bounds: IntegerBounds): number {
  const { min, max } = bounds;
  const range = `from ${min} to ${max}`;
  if (!/^-?\d+$/.test(text.trim())) throw new CLIError(`Expected an integer ${range} but received: ${text}`);
  const exact = BigInt(text.trim());
  if (exact < BigInt(min) || exact > BigInt(max)) throw new CLIError(`${text} is out of range: expected an integer ${range}`);
  return Number(exact);
}

export const integerFlag: FlagDefinition<number, IntegerBounds> = Flags.custom<number, IntegerBounds>({
  helpValue: 'N',
  multiple: false,
  parse: async (input, _context, options) => parseIntegerFlag(input, options),
});
