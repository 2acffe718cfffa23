/** The JSON of migrate-iet (MigrationJson, render.ts). */
import { CONFIG_SHAPE } from '../model/json-shape.js';
import { bool, int, list, map, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

export const MIGRATION_SHAPE: JsonShape = obj(
  {
    sources: list(obj(
      { role: oneOf(['ietd.conf', 'initiators.allow', 'initiators.deny', 'targets.allow']), tried: list(str(), 'where it was looked for, in order') },
      { path: str('the file read; absent when none exists') },
    )),
    summary: obj({ errors: int(), warnings: int(), info: int(), carried: int() }),
    findings: list(obj(
      { severity: oneOf(['error', 'warning', 'info']), code: str(), treatment: oneOf(['faithful', 'approx', 'dropped', 'refused']), message: str() },
      { location: str('file:line, or the file'), construct: str('the IET construct as written, secrets masked'), overridden: bool('an override flag accepted it') },
    )),
  },
  {
    config: CONFIG_SHAPE,
    configText: str('the same as scst.conf text (CHAP secrets masked unless --show-secrets)'),
    legacyAclFiles: map(str(), 'iscsi-scstd access files (--legacy-ip-acl): host path: text'),
    output: str('where --output wrote the configuration'),
    apply: obj(
      { dryRun: bool(), applied: int(), plan: list(str('one line a write, secrets masked')) },
      { legacyAclWritten: list(str()) },
      'what --apply did',
    ),
  },
);
