/**
 * Single-object changes — add-lun, add-device, add-initiator, set-device… — for the commands,
 * the wizard, the compat front end and the HA agent. There is no other way to change one object:
 * every change is an edit of the model, turned into ops by the planner and written by the one
 * executor (lock, journal recovery, rollback, dry run, progress), then saved to the config file.
 *
 * Using it:
 *
 *   const result = await runEdit(sysfs, addLun({ driver: 'iscsi', target, device }), {
 *     saveTo: '/etc/scst.conf', force: false, dryRun: false, strict: false, lockFile, stateDir,
 *   });
 *
 *   runEdit(sysfs, change, options?) → Promise<EditResult>
 *       Reads only the parts of the tree the change names (`change.scope`, through the scoped
 *       live reader), lets `change.prepare` check the request and decide the change, makes it to
 *       a copy of the live model, plans it with the planner (prune on: the copy differs from the
 *       live model only by the change), refuses the whole change when the planner holds part of
 *       it back for --force (exit 2, code IN_USE, naming the sessions), executes under the lock,
 *       and, still under the lock, saves the file. Options (EditOptions, a RunOptions): force,
 *       dryRun, strict ("nothing to do" → exit 1, codes ALREADY_PRESENT / NOT_PRESENT), saveTo
 *       (undefined = --no-save), onPlan, plus lockFile, stateDir, waitSeconds, onNotice,
 *       onProgress. Result: kind, object, details, outcome ('done' | 'nothing-to-do' | 'dry-run'),
 *       plan, applied, sysfs counts (reads, lists, readlinks, writes, exists), ms, saved
 *       (SaveResult: status 'updated' | 'unchanged' | 'created' | 'skipped' | 'not-saved', file,
 *       backup, reason). A kernel refusal throws the executor's exit-1 error after rollback, and
 *       nothing is saved. Bad input throws exit 2 before anything is written.
 *
 *   Changes (each validates its names and values when built: exit 2 naming the object):
 *       addLun({ driver, target, device, lun?, group?, readOnly? })   lowest free LUN by default
 *       rmLun({ driver, target, lun, group? }), replaceLun({ …, lun, device }), clearLuns({ driver, target, group? })
 *       (devices, targets and drivers: see ./changes/)
 *       addGroup / rmGroup({ driver, target, group }); addInitiator / rmInitiator({ …, group, initiator });
 *       moveInitiator({ …, initiator, to }); clearInitiators({ driver, target, group });
 *       allowPortal / denyPortal({ driver, target, portal })                        (./changes/access.ts)
 *       addChapUser({ driver, target?, direction, user, secret, keepExisting? }), rmChapUser({ …, user })
 *       (target undefined: discovery; secrets from chap-secret.ts obtainSecret)      (./changes/chap.ts)
 *       addDeviceGroup / rmDeviceGroup({ deviceGroup }); addTargetGroup({ deviceGroup, targetGroup, groupId });
 *       rmTargetGroup({ deviceGroup, targetGroup }); addGroupMember / rmGroupMember({ deviceGroup, member,
 *       targetGroup?, relTgtId? }); setAluaState({ deviceGroup, targetGroup, state, preferred? })
 *       — the cluster manager's failover switch: runEdit(sysfs, setAluaState(…), options)  (./changes/alua.ts)
 *       setAttributes(object, { name: value }) — the SCST core, a handler, an initiator group, a LUN or a
 *       device group ({ kind: 'root' | 'handler' | 'group' | 'lun' | 'deviceGroup', … }); runtime
 *       controls (attributes SCST never marks [key]) are written, not saved        (./changes/attributes.ts)
 *   batch(command, changes, { newFiles? }) → Change: several changes in one read, plan, executor run
 *   and save, each prepared with the ones before it made (./batch.ts; the setup wizard uses it).
 *   Not model edits: closeSession(sysfs, { driver, target, session }, options) → EditResult (one
 *   force_close through the executor, nothing saved); listSessions(sysfs, { driver, target? }) and
 *   listChapUsers(sysfs, { driver, target?, discovery?, showSecrets? }) read only; issueLip(sysfs, { driver,
 *   target }, options) → EditResult (one issue_lip write on the target's FC host, ./lip.ts) and
 *   findLipPort(sysfs, driver, target) (what stands behind the target: no host, no FC, no LIP, or its file).
 *
 *   Writing a new change: a `Change` (change.ts) is { command, scope, prepare }. `scope` names the
 *   objects to read — never "all of them", so the command costs the same sysfs calls on any host
 *   size; `prepare(live, { sysfs, read, force })` throws exit-2 UserErrors (checks.ts: checkName,
 *   checkValue, requireTarget, requireDevice, requireGroup…) and returns a `Prepared`: { kind:
 *   'add' | 'remove' | 'set', object (words for messages), details (for --json), apply(model) }.
 *   `apply` makes the change to any model — the live copy and then the file's model, which may
 *   lack the containers (model.ts: ensureTarget, ensureGroup, findDevice…) — and returns false
 *   when the model already is that way. The objects read that the file lacks are copied into it
 *   before `apply` (model.ts adoptMissing), so saved lines never refer to unknown objects.
 *
 *   Command side (cli.ts): `editFlags` (--dry-run, --force, --strict, --no-save, --config,
 *   --show-secrets, --wait, --lock-file, --state-dir) and `driverFlag` (--driver, default iscsi);
 *   `runEditCommand(flags, change, hooks)` opens the tree, runs, prints, returns the --json
 *   report (`EditReport`, documented in docs/luns.md).
 */
export type { Change, EditKind, EditScope, Prepared, PrepareContext, TargetScope } from './change.js';
export { runEdit, nothingToDo, type EditOptions, type EditOutcome, type EditResult } from './engine.js';
export { readScope } from './read-scope.js';
export { batch, type BatchOptions } from './batch.js';
export { saveChange, type SaveResult } from './save.js';
export { checkLunNumber, checkName, checkTargetNames, checkValue, requireDevice, requireGroup, requireTarget, targetWords } from './checks.js';
export { adoptMissing, cloneModel, ensureGroup, ensureTarget, findDevice, findTarget, lunSet, mergeConfig } from './model.js';
export { editFlags, driverFlag, editLines, editReport, runEditCommand, type EditFlagValues, type EditHooks, type EditReport } from './cli.js';
export { addLun, clearLuns, replaceLun, rmLun, lowestFree, type AddLunArgs, type LunArgs, type LunSetArgs } from './changes/luns.js';
export { addDevice, ejectMedia, insertMedia, resyncDevice, rmDevice, setDevice, type AddDeviceArgs } from './changes/devices.js';
export { addTarget, enableDriver, enableTarget, proposeIqn, rmTarget, setDriver, setTarget, type TargetArgs } from './changes/targets.js';
export { addGroup, rmGroup, addInitiator, rmInitiator, moveInitiator, clearInitiators, allowPortal, denyPortal, type GroupArgs, type InitiatorArgs, type PortalArgs } from './changes/access.js';
export { addChapUser, rmChapUser, listChapUsers, type AddChapUserArgs, type RmChapUserArgs, type ChapDirection, type ChapListQuery, type ChapUserRow } from './changes/chap.js';
export { setAttributes, type AttributeObject } from './changes/attributes.js';
export { ALUA_STATES, addDeviceGroup, rmDeviceGroup, addTargetGroup, rmTargetGroup, addGroupMember, rmGroupMember, setAluaState, type AluaStateArgs, type MemberArgs } from './changes/alua.js';
export { findLipPort, issueLip, type LipPort } from './lip.js';
export { closeSession, listSessions, type CloseSessionArgs, type SessionQuery, type SessionRow } from './sessions.js';
export { chapProblems, generateSecret, obtainSecret, secretSourceOf, type ObtainedSecret, type SecretIo, type SecretSource } from './chap-secret.js';
