/**
 * The interactive form: @inquirer/prompts on standard error (so --json stays clean), one
 * question at a time. Esc goes back to the previous question; Ctrl-C leaves, and since nothing
 * is written before the final "apply", the host and the file are as they were. Secrets are
 * masked while typed and never shown again.
 */
import { emitKeypressEvents } from 'node:readline';
import { badInput } from '../errors.js';
import { chapProblems, checkTargetNames, generateSecret, proposeIqn, addInitiator, allowPortal } from '../edit/index.js';
import { byteSize } from '../emulator/simulation.js';
import type { Host } from '../system/host.js';
import { DRIVER, handlerFor, isIsoImage, SETUP_GROUP, type ChapAnswer, type SetupAnswers } from './answers.js';
import { freeDisks, type HostSurvey } from './host-survey.js';
import { checkFree, freeDeviceName } from './scripted.js';
import type { SetupHooks } from './run.js';
import { hasHostSteps, hostSteps } from './host-plan.js';
import { setupMessages as msg } from './messages.js';

/**
 * The prompt on screen. Left by Esc (back) or Ctrl-C (leave), it is erased rather than left
 * half-drawn: @inquirer reads `clearPromptOnDone` only once the prompt has ended, so the flag
 * set by the key decides it. An answered prompt stays, as the record of the answer.
 */
/**
 * The prompt library, imported by interactiveHooks(): only a run that asks questions loads it
 * (half a megabyte with its encodings), not `setup --yes`.
 */
let prompts: typeof import('@inquirer/prompts');

let current = { controller: new AbortController(), back: false, left: false };
const context = (options: { back?: boolean } = {}) => {
  const prompt = { controller: new AbortController(), back: options.back ?? true, left: false };
  current = prompt;
  return { output: process.stderr, ...(prompt.back ? { signal: prompt.controller.signal } : {}), get clearPromptOnDone() { return prompt.left; } };
};

let listening = false;
/** Esc aborts the prompt on screen, which the flow takes as "back"; Ctrl-C leaves (the prompt says so). */
function listenForKeys(): void {
  if (listening) return;
  listening = true;
  emitKeypressEvents(process.stdin);
  process.stdin.on('keypress', (_: unknown, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (key?.name === 'c' && key.ctrl) current.left = true;
    if (key?.name === 'escape' && current.back) {
      current.left = true;
      current.controller.abort();
    }
  });
}

const isBack = (error: unknown) => error instanceof Error && error.name === 'AbortPromptError';
const isCancel = (error: unknown) => error instanceof Error && error.name === 'ExitPromptError';

type Draft = Partial<SetupAnswers> & { newFile?: boolean };
type Step = (draft: Draft) => Promise<void>;

/** Validation through the engine's own checks: the message of its exit-2 error, or true. */
function engineCheck(fn: () => unknown): string | true {
  try {
    fn();
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

function steps(host: Host, survey: HostSurvey): Step[] {
  return [
    async (d) => {
      const kind = await prompts.select({ message: 'Storage to export', choices: [
        { name: 'a block device (disk, partition, LV)', value: 'disk' }, { name: 'an existing file', value: 'file' },
        { name: 'a new sparse file', value: 'new' }, { name: 'a null device (stores nothing; for tests)', value: 'null' },
      ] }, context());
      d.newFile = kind === 'new';
      if (kind === 'null') d.storage = { kind: 'null' };
      else d.storage = kind === 'disk' ? { kind: 'disk', path: '' } : { kind: 'file', path: '' };
    },
    async (d) => {
      const storage = d.storage!;
      if (storage.kind === 'null') return;
      if (storage.kind === 'disk') {
        const free = freeDisks(survey).filter((disk) => !survey.exported.has(disk.path));
        const held = survey.disks.filter((disk) => !free.includes(disk));
        for (const disk of held) process.stderr.write(`  ${msg.diskNotFree(`${disk.path} (${disk.usedBy ?? 'exported'})`)}\n`);
        if (free.length === 0) throw badInput('no free block device on this host', { hint: 'choose a file instead (Esc goes back)', code: 'SETUP_STORAGE' });
        const path = await prompts.select({ message: 'Block device', choices: free.map((disk) => ({ name: msg.disk(disk.path, disk.size, disk.type), value: disk.path })) }, context());
        d.storage = { kind: 'disk', path };
        return;
      }
      const path = await prompts.input({ message: d.newFile ? 'Path of the new file' : 'Path of the file', validate: async (value) => {
        if (!value.startsWith('/')) return 'an absolute path, please';
        const found = await host.storage.lookup(value);
        if (d.newFile) return found ? msg.pathExists : true;
        if (!found) return 'no such file';
        return found.kind === 'file' ? (survey.exported.has(value) ? msg.diskNotFree(`already SCST device ${survey.exported.get(value)}`) : true) : msg.notRegularFile;
      } }, context());
      if (!d.newFile) {
        d.storage = { kind: 'file', path };
        return;
      }
      const size = await prompts.input({ message: 'Size (e.g. 10G)', validate: (v) => (byteSize(v) ? true : 'a size such as 512M, 10G or 1T') }, context());
      d.storage = { kind: 'file', path, create: byteSize(size)! };
    },
    async (d) => {
      const storage = d.storage!;
      d.device = freeDeviceName(storage, survey);
      checkFree(storage, d.device, survey);
      // An image is proposed as a CD-ROM; as a disk, it is proposed read-only.
      const iso = storage.kind === 'file' && (await isIsoImage(host, storage));
      const asCdrom = iso && (await prompts.select({ message: msg.isoOffer(storage.path), choices: [{ name: msg.isoAsCdrom, value: true }, { name: msg.isoAsDisk, value: false }] }, context()));
      d.handler = handlerFor(storage, asCdrom);
      if (asCdrom) {
        d.options = {};
        process.stderr.write(`  ${msg.cdromNote(d.device)}\n`);
        return;
      }
      const choices = [
        ...(d.handler === 'vdisk_fileio' ? [{ name: 'O_DIRECT — bypass the page cache: no double caching of a big file', value: 'oDirect' }] : []),
        { name: '4 KB blocks — for initiators and file systems that align to 4096 bytes', value: 'blockSize4k' },
        { name: 'read-only — initiators can read but never change the data', value: 'readOnly', checked: iso },
        ...(d.handler !== 'vdisk_nullio' ? [{ name: 'write-through — every write is on disk before it is acknowledged (safer, slower)', value: 'writeThrough' }] : []),
      ];
      const picked = await prompts.checkbox({ message: `Options of ${d.handler} device ${d.device} (space to pick, enter when done)`, choices }, context());
      d.options = Object.fromEntries(picked.map((p) => [p, true]));
    },
    async (d) => {
      const existing = survey.targets.length === 0 ? '' : await prompts.select({ message: 'Target', choices: [{ name: 'a new target', value: '' }, ...survey.targets.map((t) => ({ name: `add to ${t}`, value: t }))] }, context());
      d.existingTarget = existing !== '';
      d.target = existing || (await prompts.input({ message: 'Target IQN', default: proposeIqn(), validate: (v) => engineCheck(() => checkTargetNames(DRIVER, v)) }, context()));
    },
    async (d) => {
      const lun = await prompts.input({ message: 'LUN number (empty: the lowest free, 0 on a new target)', default: d.existingTarget ? '' : '0', validate: (v) => (v === '' || /^\d{1,5}$/.test(v) ? true : 'a number 0..16383') }, context());
      if (lun === '') delete d.lun;
      else d.lun = Number(lun);
    },
    async (d) => {
      const who = await prompts.select({ message: 'Who may log in', choices: [{ name: 'every initiator', value: 'all' }, { name: 'only the initiators I list', value: 'list' }] }, context());
      d.initiators = [];
      if (who === 'list') {
        const names = await prompts.input({ message: 'Initiator names (IQNs), separated by spaces', validate: (v) => (v.trim() === '' ? 'at least one name' : v.trim().split(/\s+/).map((i) => engineCheck(() => addInitiator({ driver: DRIVER, target: d.target!, group: SETUP_GROUP, initiator: i }))).find((r) => r !== true) ?? true) }, context());
        d.initiators = names.trim().split(/\s+/);
      }
      const portal = await prompts.input({ message: 'Offer it only on this portal address (empty: every portal)', validate: (v) => (v === '' ? true : engineCheck(() => allowPortal({ driver: DRIVER, target: d.target!, portal: v }))) }, context());
      if (portal === '') delete d.portal;
      else d.portal = portal;
    },
    async (d) => {
      delete d.chap;
      delete d.mutualChap;
      if (!(await prompts.confirm({ message: 'Require CHAP (a user name and secret) to log in?', default: false }, context()))) return;
      d.chap = await askChap('CHAP user initiators log in as');
      if (await prompts.confirm({ message: 'Mutual CHAP (the target proves itself to the initiator too)?', default: false }, context())) d.mutualChap = await askChap('CHAP user the target answers with');
    },
  ];
}

async function askChap(message: string): Promise<ChapAnswer> {
  const user = await prompts.input({ message, validate: (v) => (/^\S+$/.test(v) ? true : 'one word, please') }, context());
  const how = await prompts.select({ message: `Secret of ${user}`, choices: [{ name: 'generate a strong one (shown once at the end)', value: 'generate' }, { name: 'type it', value: 'type' }] }, context());
  if (how === 'generate') return { user, secret: generateSecret(), generated: true, source: 'generated' };
  for (;;) {
    const first = await prompts.password({ message: 'Secret (12 to 16 characters for most initiators)', mask: '*', validate: (v) => chapProblems(user, v).find((p) => p.severity === 'error')?.message ?? true }, context());
    const second = await prompts.password({ message: 'The same secret again', mask: '*' }, context());
    if (first === second) return { user, secret: first, generated: false, source: msg.secretTyped };
    process.stderr.write('  the two secrets differ: type it again\n');
  }
}

/** What the host has, and the offer to bring it up as part of the plan (nothing is done here). */
async function askHost(survey: HostSurvey): Promise<void> {
  process.stderr.write(`${msg.hostFound}:\n`);
  for (const line of [msg.scst(survey.scstLoaded), ...(survey.missingModules.length ? [msg.modulesMissing(survey.missingModules)] : []), msg.daemon(survey.daemonRunning), msg.configFile(survey.config.file, survey.config.exists, survey.config.pending, survey.config.problem), msg.targets(survey.targets)]) process.stderr.write(`  ${line}\n`);
  process.stderr.write(`${msg.howToMove}\n`);
  const steps = hostSteps(survey);
  if (!hasHostSteps(steps)) return;
  if (!(await prompts.confirm({ message: msg.offerHostSteps(steps.modules, steps.startDaemon), default: true }, context({ back: false })))) {
    throw badInput(msg.hostStepsRefused, { hint: msg.hostStepsHint, code: 'SETUP_HOST' });
  }
}

export async function interactiveHooks(): Promise<Pick<SetupHooks, 'ask' | 'confirm' | 'offerService'>> {
  prompts = await import('@inquirer/prompts');
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (isCancel(error)) throw badInput(msg.cancelled, { code: 'SETUP_CANCELLED' });
      throw error;
    }
  };
  // The questions and their answers so far: Esc at "Apply this now?" goes back to the last one.
  let session: { flow: Step[]; draft: Draft } | undefined;
  return {
    ask: (host, survey) => guard(async () => {
      listenForKeys();
      if (!session) await askHost(survey);
      const again = session !== undefined;
      session ??= { flow: steps(host, survey), draft: {} };
      const { flow, draft } = session;
      for (let i = again ? flow.length - 1 : 0; i < flow.length; ) {
        try {
          await flow[i]!(draft);
          i++;
        } catch (error) {
          if (!isBack(error)) throw error;
          i = Math.max(0, i - 1);
        }
      }
      return { initiators: [], options: {}, installService: false, existingTarget: false, ...draft } as SetupAnswers;
    }),
    confirm: (plan) => guard(async () => {
      process.stderr.write(`\n${msg.summary}\n${plan.map((l) => `  ${l}`).join('\n')}\n`);
      try {
        return await prompts.confirm({ message: 'Apply this now?', default: true }, context());
      } catch (error) {
        if (isBack(error)) return 'back' as const;
        throw error;
      }
    }),
    // Asked once the setup is applied: Ctrl-C here means "no", never "nothing was changed".
    offerService: () => prompts.confirm({ message: 'Install and enable the service so this comes back after a reboot?', default: false }, context({ back: false })).catch((error: unknown) => {
      if (isCancel(error)) return false;
      throw error;
    }),
  };
}
