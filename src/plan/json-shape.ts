/** The JSON of a plan (planJson, render.ts) as plan, apply and every single-object command print it. */
import { bool, int, list, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

const note = (kinds: readonly string[]): JsonShape => obj({ kind: oneOf(kinds), object: str(), message: str() });

export const PLAN_SHAPE: JsonShape = obj(
  {
    counts: obj({
      create: int(), change: int(), remove: int(),
      forced: int('ops that run only because of --force'), held: int('changes left out that need --force'),
      kept: int('objects on the host the file does not list (left without --prune)'), writes: int(),
    }),
    ops: list(obj(
      { change: oneOf(['create', 'change', 'remove']), object: str(), summary: str(), path: str('the sysfs file written'), data: str('what is written (CHAP secrets masked unless --show-secrets)'), destructive: bool() },
      { force: str('why it needed --force') },
    )),
    notes: list(note(['kept', 'held'])),
  },
  { warnings: list(obj({ object: str(), message: str() }), 'present only when there are some') },
);
