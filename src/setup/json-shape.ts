/** The JSON of setup (SetupReport, run.ts). */
import { SAVED_SHAPE } from '../edit/json-shapes.js';
import { bool, int, list, map, nullable, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';
import { SERVICE_INSTALL_SHAPE } from '../system/json-shapes.js';

export const SETUP_SHAPE: JsonShape = obj(
  {
    outcome: oneOf(['done', 'nothing-to-do', 'dry-run', 'cancelled']),
    target: str(), device: str(), handler: str(),
    backing: nullable(str('the file or block device; null: a null device')),
    createdFile: bool('a new sparse file was made'),
    initiators: list(str(), 'allowed initiators; none: every initiator'),
    portal: nullable(str()),
    chap: nullable(obj({ user: str(), mutualUser: nullable(str()) })),
    generatedSecrets: map(str(), 'user: the secret --generate-secret made, shown this once'),
    saved: nullable(SAVED_SHAPE),
    service: nullable(SERVICE_INSTALL_SHAPE),
    initiatorCommands: list(str('a command to run on the initiator')),
    broughtUp: obj({ modules: list(str()), daemon: bool() }, {}, 'what was started before the configuration'),
    plan: list(str('one line a write, secrets masked')),
  },
  { lun: int() },
);
