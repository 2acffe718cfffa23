/** The JSON the single-object commands and the session and CHAP listings print. */
import { PLAN_SHAPE, SYSFS_COUNTS_SHAPE } from '../plan/json-shape.js';
import { any, int, list, map, nullable, num, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

/** What became of the config file after a change (EditResult's saved). */
export const SAVED_SHAPE: JsonShape = obj(
  { status: oneOf(['updated', 'unchanged', 'created', 'skipped', 'not-saved']) },
  { file: str(), backup: str(), reason: str('why the file could not be updated'), ms: num() },
);

/** EditReport (cli.ts): what one change did, its plan, and what became of the config file. */
export const EDIT_REPORT_SHAPE: JsonShape = obj({
  command: str('the command that ran'),
  kind: oneOf(['add', 'remove', 'set']),
  object: str('the object changed'),
  details: map(any('a value the change names (LUN, device, attribute…)'), 'what the change names, by key'),
  outcome: oneOf(['done', 'nothing-to-do', 'dry-run']),
  applied: int('writes applied'),
  ms: num(),
  sysfs: SYSFS_COUNTS_SHAPE,
  saved: SAVED_SHAPE,
  plan: PLAN_SHAPE,
});

/** add-chap-user --generate adds the secret it made: nobody else knows it, so it is shown this once. */
export const CHAP_EDIT_REPORT_SHAPE: JsonShape = {
  ...EDIT_REPORT_SHAPE,
  properties: { ...(EDIT_REPORT_SHAPE.properties as object), generatedSecret: str('the secret --generate made, shown this once') },
};

export const SESSIONS_SHAPE: JsonShape = obj({
  sessions: list(obj({
    driver: str(), target: str(), session: str('the session directory: the initiator name, NAME_1 for a second session'),
    initiator: str(), group: nullable(str('the initiator group whose LUNs it sees; null: the default LUNs')),
    luns: list(int()), addresses: list(str('initiator address of a connection')), commands: nullable(int('SCSI commands received')),
  })),
});

export const CHAP_USERS_SHAPE: JsonShape = obj({
  users: list(obj({
    driver: str(), target: nullable(str('null: discovery')), direction: oneOf(['incoming', 'outgoing']),
    user: str(), secret: str('******** unless --show-secrets'),
  })),
});
