/**
 * The declarative engine: every change to SCST becomes a list of ops and goes through the one
 * executor here. Library API for other commands (start/reload, migrate-iet --apply, add-lun):
 *
 *   planChanges(desired, live, options?, facts?) → Plan
 *       Pure diff of two models: the fewest writes in kernel order, each op with its undo;
 *       `plan.notes` says what was left alone (not in the file without `prune`; needs `force`).
 *   planAgainstHost(sysfs, desired, options?) → Promise<Plan>
 *       Reads the live tree (readLive) and reads the few attribute values it lacks, then plans.
 *   applyConfig(sysfs, desired, options?) → Promise<ApplyResult>
 *       Plan, confirm (callback, without the lock), lock, journal, execute, roll back on
 *       failure. Recovers a journal left by a killed run first. Options: prune, force, suspend,
 *       dryRun, confirm, lockFile, stateDir, waitSeconds, resume, onProgress, onNotice, command.
 *       Result: plan, applied, sysfs read/write counts, ms.
 *   runPlanned(sysfs, makePlan, runOptions) — lock + journal recovery + execute, without
 *       confirmation, for callers that build their own plan (clear-config, the service's stop).
 *   executePlan(sysfs, ops, options?) — execute with an open journal, undo on failure (no lock).
 *   recoverJournal(sysfs, runOptions) — roll back (or resume) what a killed run left; a rollback
 *       that cannot finish keeps the journal (marked with what was undone) and throws.
 *   interruptedRun(stateDir) — the journal left behind, for plan and status to report.
 *   renderPlan / planJson / countPlan — the plan for people and for --json.
 *   CountingSysfs — a Sysfs decorator counting reads and writes.
 *
 * Defaults: lock /run/lock/scstadmin-ts.lock (env SCSTADMIN_TS_LOCK), journal directory
 * /var/lib/scstadmin-ts (env SCSTADMIN_TS_STATE_DIR); see run-paths.ts.
 */
export { planChanges, type Plan } from './planner.js';
export { PHASE, type PlanOptions, type PlanNote, type Facts } from './context.js';
export { planAgainstHost, planWithFacts } from './probe.js';
export { applyConfig, recoverJournal, runPlanned, type ApplyOptions, type ApplyResult, type RecoveryResult, type RunOptions } from './apply.js';
export { executePlan, undoOps, writeOp, type ExecuteOptions } from './executor.js';
export { acquireLock, DEFAULT_LOCK_FILE, type Lock } from './lock.js';
export { Journal, readJournal, interruptedRun, DEFAULT_STATE_DIR, type InterruptedRun } from './journal.js';
export { CountingSysfs, type SysfsCounts } from './counting-sysfs.js';
export { changeLines, countPlan, planJson, renderPlan, summaryLine, type PlanCounts, type PlanJson } from './render.js';
export { clearConfig, clearConfigPlan, clearedConfig } from './clear.js';
export { runPaths } from './run-paths.js';
export { driftOf, driftPlan, renderDrift, type Drift, type DriftItem } from './drift.js';
export type { Op, OpKind, Change } from './ops.js';
