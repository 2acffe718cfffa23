/**
 * The plan as an admin reads it — one line per write with `+` create, `~` change, `-` remove,
 * `!` needs --force — and as JSON. CHAP secrets are masked unless asked for.
 */
import { color } from '../ui/color.js';
import { count } from '../ui/units.js';
import { maskSecretData } from './executor.js';
import type { Op } from './ops.js';
import type { Plan } from './planner.js';

export interface PlanCounts {
  create: number;
  change: number;
  remove: number;
  /** Ops in the plan that run only because --force was given. */
  forced: number;
  /** Changes left out because they need --force. */
  held: number;
  /** Objects on the host the file does not list, left alone without --prune. */
  kept: number;
  writes: number;
}

export function countPlan(plan: Plan): PlanCounts {
  const counts: PlanCounts = { create: 0, change: 0, remove: 0, forced: 0, held: 0, kept: 0, writes: plan.ops.length };
  for (const op of plan.ops) {
    counts[op.change]++;
    if (op.force) counts.forced++;
  }
  for (const note of plan.notes) counts[note.kind]++;
  return counts;
}

const SYMBOL: Record<Op['change'], string> = { create: '+', change: '~', remove: '-' };

export function shownData(op: Op, showSecrets: boolean): string {
  return op.secret && !showSecrets ? maskSecretData(op.data) : op.data;
}

/** The readable plan. `writes`: add the exact bytes of each write under its line. */
export function renderPlan(plan: Plan, options: { writes?: boolean; showSecrets?: boolean } = {}): string[] {
  const c = color();
  const lines: string[] = [];
  for (const op of plan.ops) {
    const symbol = op.force ? '!' : SYMBOL[op.change];
    const paint = op.force ? c.magenta : op.change === 'create' ? c.green : op.change === 'remove' ? c.red : c.yellow;
    lines.push(paint(`${symbol} ${op.object}: ${op.summary}${op.force ? ` (--force: ${op.force})` : ''}`));
    if (options.writes) lines.push(c.dim(`    ${op.path} ← ${JSON.stringify(shownData(op, options.showSecrets ?? false))}`));
  }
  for (const warning of plan.warnings ?? []) lines.push(c.yellow(`warning: ${warning.object}: ${warning.message}`));
  for (const note of plan.notes) {
    if (note.kind === 'held') lines.push(c.magenta(`! ${note.object}: ${note.message} — needs --force`));
    else lines.push(c.dim(`= ${note.object}: ${note.message}`));
  }
  lines.push(summaryLine(countPlan(plan)));
  return lines;
}

/** One `object: summary` line per op, for reports that list changes without their writes. */
export function changeLines(plan: Plan): string[] {
  return plan.ops.map((op) => `${op.object}: ${op.summary}`);
}

export function summaryLine(counts: PlanCounts): string {
  if (counts.writes === 0 && counts.held === 0) return `Nothing to do${counts.kept > 0 ? ` (${counts.kept} left alone without --prune)` : ''}.`;
  const parts = [`${counts.create} to create`, `${counts.change} to change`, `${counts.remove} to remove`];
  if (counts.forced > 0) parts.push(`${counts.forced} forced`);
  if (counts.held > 0) parts.push(`${counts.held} held back (need --force)`);
  if (counts.kept > 0) parts.push(`${counts.kept} left alone (not in the file)`);
  return `Plan: ${parts.join(', ')}; ${count(counts.writes, 'sysfs write')}.`;
}

export interface PlanJson {
  counts: PlanCounts;
  ops: Array<{ change: Op['change']; object: string; summary: string; path: string; data: string; destructive: boolean; force?: string }>;
  notes: Plan['notes'];
  /** Present only when there are some. */
  warnings?: NonNullable<Plan['warnings']>;
}

export function planJson(plan: Plan, showSecrets = false): PlanJson {
  return {
    counts: countPlan(plan),
    ops: plan.ops.map((op) => ({
      change: op.change,
      object: op.object,
      summary: op.summary,
      path: op.path,
      data: shownData(op, showSecrets),
      destructive: Boolean(op.destructive),
      ...(op.force ? { force: op.force } : {}),
    })),
    notes: plan.notes,
    ...(plan.warnings ? { warnings: plan.warnings } : {}),
  };
}
