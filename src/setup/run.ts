/**
 * `setup`: look at the host, get the answers (from flags with --yes, else from the prompts on a
 * terminal), show the engine's plan, apply it as one batch, save, install the service if asked,
 * and say how an initiator connects. Refuses to wait on a terminal that is not there.
 */
import { hostname } from 'node:os';
import { confPath } from '../conf/index.js';
import { badInput, UserError } from '../errors.js';
import { moduleMessages } from '../system/messages.js';
import { listChapUsers, type EditResult } from '../edit/index.js';
import { openHost, type Host } from '../system/host.js';
import { installService, type ServiceInstallResult } from '../system/service-install.js';
import { DRIVER, type ChapAnswer, type SetupAnswers } from './answers.js';
import { applySetup, planLines, previewSetup, type SetupRunFlags } from './apply.js';
import { initiatorCommands, portalAddress } from './connect.js';
import { hasHostSteps, hostPlanLines, hostSteps, projectedTree, withHostUp } from './host-plan.js';
import { surveyHost, type HostSurvey } from './host-survey.js';
import { answersFromFlags, missingFlags, type SetupFlagValues } from './scripted.js';
import { setupMessages as msg } from './messages.js';

export interface SetupHooks {
  json: boolean;
  /** Standard input and output are a terminal: prompts can be shown. */
  terminal: boolean;
  log(line: string): void;
  /** The command line systemd runs for this CLI, and the package root (install-service). */
  service: { cli: string; packageRoot: string };
  /** The interactive form (loaded only when it is used). */
  ask?: (host: Host, survey: HostSurvey, flags: SetupFlagValues & SetupRunFlags) => Promise<SetupAnswers>;
  /** Asks before applying (interactive): yes, no, or back to the last question; the scripted form has said --yes. */
  confirm?: (plan: string[]) => Promise<boolean | 'back'>;
  offerService?: () => Promise<boolean>;
}

export interface SetupReport {
  outcome: EditResult['outcome'] | 'cancelled';
  target: string;
  device: string;
  handler: string;
  lun?: number;
  backing: string | null;
  createdFile: boolean;
  initiators: string[];
  portal: string | null;
  chap: { user: string; mutualUser: string | null } | null;
  /** Shown here only when generated: nobody else knows it. */
  generatedSecrets: Record<string, string>;
  saved: EditResult['saved'] | null;
  service: ServiceInstallResult | null;
  initiatorCommands: string[];
  /** What the setup brought up on the host before its configuration (nothing when all was up). */
  broughtUp: { modules: string[]; daemon: boolean };
  plan: string[];
}

export async function runSetup(flags: SetupFlagValues & SetupRunFlags & { yes?: boolean }, hooks: SetupHooks): Promise<SetupReport> {
  if (!flags.yes && !hooks.terminal) throw badInput(msg.noTerminal(missingFlags(flags)), { hint: msg.noTerminalHint, code: 'SETUP_NO_TERMINAL' });
  const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
  const survey = await surveyHost(host, confPath(flags.config));
  // Before any question: no answer helps when SCST is not installed for this kernel.
  if (survey.notInstalled.length > 0) {
    throw new UserError(msg.notInstalled(survey.notInstalled, host.paths.kernelRelease), { object: 'setup', code: 'MODULE_NOT_INSTALLED', hint: moduleMessages.notInstalledHint(host.paths.kernelRelease) });
  }
  // Loading modules and starting the daemon are steps of the plan, taken only once it is confirmed.
  const steps = hostSteps(survey);
  let answers: SetupAnswers;
  let plan: string[];
  for (;;) {
    const asked = flags.yes ? await answersFromFlags(flags, host, survey) : await hooks.ask!(host, survey, flags);
    answers = await keepExistingSecrets(host, asked);
    const preview = await previewSetup(flags, answers, hasHostSteps(steps) ? await projectedTree(host, survey, steps) : undefined);
    plan = [...hostPlanLines(steps), ...planLines(preview)];
    const decision = flags.yes || !hooks.confirm ? true : await hooks.confirm(plan);
    if (decision === 'back') continue;
    if (!decision) return report(answers, 'cancelled', plan);
    break;
  }
  const result = await withHostUp(host, steps, () => applySetup(host, flags, answers));
  const wantService = answers.installService || (!flags.yes && hooks.offerService ? await hooks.offerService() : false);
  const service = wantService ? await installService(host.paths, { cli: hooks.service.cli, packageRoot: hooks.service.packageRoot, enable: true }) : null;
  return { ...report(answers, result.outcome, plan), saved: result.saved, service, lun: lunOf(result), broughtUp: { modules: steps.modules, daemon: steps.startDaemon } };
}

/**
 * A CHAP user the target has already keeps its secret (the initiators were given it): a secret
 * generated for it now is never applied, so it must not be shown as if it were.
 */
async function keepExistingSecrets(host: Host, answers: SetupAnswers): Promise<SetupAnswers> {
  if (!answers.existingTarget || !(answers.chap?.generated || answers.mutualChap?.generated)) return answers;
  const rows = await host.kernel.inspect((sysfs) => listChapUsers(sysfs, { driver: DRIVER, target: answers.target }));
  const kept = (chap: ChapAnswer | undefined, direction: 'incoming' | 'outgoing'): ChapAnswer | undefined =>
    chap?.generated && rows.some((r) => r.direction === direction && r.user === chap.user) ? { ...chap, generated: false, kept: true, source: msg.secretKept } : chap;
  const chap = kept(answers.chap, 'incoming');
  const mutualChap = kept(answers.mutualChap, 'outgoing');
  return { ...answers, ...(chap ? { chap } : {}), ...(mutualChap ? { mutualChap } : {}) };
}

function lunOf(result: EditResult): number | undefined {
  const changes = (result.details.changes ?? []) as Array<{ lun?: number }>;
  return changes.find((c) => typeof c.lun === 'number')?.lun;
}

function report(answers: SetupAnswers, outcome: SetupReport['outcome'], plan: string[]): SetupReport {
  const generated: Record<string, string> = {};
  for (const chap of [answers.chap, answers.mutualChap]) if (chap?.generated) generated[chap.user] = chap.secret;
  return {
    outcome,
    target: answers.target,
    device: answers.device,
    handler: answers.handler,
    backing: answers.storage.kind === 'null' ? null : answers.storage.path,
    createdFile: outcome !== 'cancelled' && answers.storage.kind === 'file' && answers.storage.create !== undefined,
    initiators: answers.initiators,
    portal: answers.portal ?? null,
    chap: answers.chap ? { user: answers.chap.user, mutualUser: answers.mutualChap?.user ?? null } : null,
    generatedSecrets: outcome === 'cancelled' ? {} : generated,
    saved: null,
    service: null,
    initiatorCommands: outcome === 'cancelled' ? [] : initiatorCommands(answers, portalAddress(answers, hostname())),
    broughtUp: { modules: [], daemon: false },
    plan,
  };
}
