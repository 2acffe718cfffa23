/** The JSON of check-config (CheckReport), write-config (SaveReport) and fmt (FormatReport). */
import { bool, int, list, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';
import { UNREADABLE_SHAPE } from '../model/json-shape.js';

export const CHECK_REPORT_SHAPE: JsonShape = obj({
  file: str(), live: bool('the live checks ran (SCST was loaded)'), offline: bool('--offline was given'),
  errors: int(), warnings: int(),
  findings: list(obj(
    { severity: oneOf(['error', 'warning']), file: str(), line: int(), col: int(), code: str('stable for scripts, e.g. CONF_SYNTAX'), message: str() },
    { hint: str() },
  ), 'the first findings by position; errors and warnings count all'),
});

export const SAVE_REPORT_SHAPE: JsonShape = obj(
  { file: str(), changed: bool(), devices: int(), targets: int(), secrets: int('CHAP secrets written into the file (never printed)') },
  { backup: str('where the previous version is kept'), stream: bool('printed to a stream rather than saved'), unreadable: UNREADABLE_SHAPE },
);

export const FORMAT_REPORT_SHAPE: JsonShape = obj(
  { file: str(), canonical: bool('the file already was in canonical layout'), written: bool(), droppedComments: int('comment lines the layout does not keep') },
  { backup: str(), text: str('without --write: the canonical text, CHAP secrets masked unless --show-secrets') },
);
