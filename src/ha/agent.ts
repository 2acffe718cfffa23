/**
 * The OCF resource agent's actions over the host (modules, daemon, service) and the single-object
 * engine (ALUA state changes). Each action returns an OCF code and never throws: Pacemaker reads
 * only the code, and a line on stderr for its log.
 */
import { hostname } from 'node:os';
import { runEdit } from '../edit/engine.js';
import { setAluaState } from '../edit/changes/alua.js';
import { toErrorReport } from '../ui/error-output.js';
import { runPaths } from '../plan/run-paths.js';
import { parseAttributeText } from '../sysfs/attribute-text.js';
import { openHost, type Host } from '../system/host.js';
import { productEngine } from '../system/engine.js';
import { readDefaults } from '../system/defaults-file.js';
import { daemonArgs } from '../system/daemon-options.js';
import { daemonStatus } from '../system/daemon-manager.js';
import { modulesForConfig } from '../system/module-catalog.js';
import { isScstUp, loadedModuleNames } from '../system/scst-state.js';
import { loadServiceConfig } from '../system/service-config.js';
import { startService, stopService, type ConfigEngine, type ServiceOptions } from '../system/service.js';
import type { ScstConfig } from '../model/types.js';
import { OCF, type OcfCode } from './codes.js';
import { agentText as T } from './messages.js';
import { metaData } from './metadata.js';
import { ParameterError, readParameters, type AgentParameters } from './parameters.js';
import { clusterPromotion, type Promotion } from './promotion.js';
import { ACTIVE, TRANSITIONING, peerRoleOf, unpromotedConfig } from './roles.js';

export const ACTIONS = ['start', 'stop', 'monitor', 'promote', 'demote', 'notify', 'validate-all', 'meta-data', 'usage'] as const;
export type AgentAction = (typeof ACTIONS)[number];

export interface AgentContext {
  env: NodeJS.ProcessEnv;
  version: string;
  /** Standard output (meta-data, usage). */
  out: (text: string) => void;
  /** The agent's log (stderr, which Pacemaker keeps). */
  log: (line: string) => void;
}

export interface AgentOutcome {
  code: OcfCode;
  /** Why, when not plain success. */
  reason?: string;
}

/** Run one action; every failure becomes its OCF code with the reason logged. */
export async function runAgent(action: string, context: AgentContext): Promise<OcfCode> {
  const outcome = await dispatch(action, context).catch((error: unknown) => failure(error));
  if (outcome.reason) context.log(`scst ${action}: ${outcome.reason}`);
  return outcome.code;
}

async function dispatch(action: string, context: AgentContext): Promise<AgentOutcome> {
  if (action === 'meta-data') {
    context.out(metaData(context.version));
    return { code: OCF.SUCCESS };
  }
  if (action === 'usage' || action === 'help') {
    context.out(`${T.usage(ACTIONS)}\n`);
    return { code: OCF.SUCCESS };
  }
  if (!(ACTIONS as readonly string[]).includes(action)) {
    context.out(`${T.usage(ACTIONS)}\n`);
    return { code: OCF.ERR_UNIMPLEMENTED, reason: T.unknownAction(action) };
  }
  const params = readParameters(context.env);
  const config = await validate(params).catch((error: unknown) => {
    if (error instanceof ParameterError) throw error;
    const report = toErrorReport(error);
    // A file missing on this node may exist on the other: "not installed" lets it run there.
    const code = report.code === 'CONF_NOT_FOUND' ? OCF.ERR_INSTALLED : OCF.ERR_CONFIGURED;
    throw new ParameterError([report.object, report.message].filter(Boolean).join(': '), code);
  });
  if (action === 'validate-all') return { code: OCF.SUCCESS };
  const agent = new Agent(params, config, await openHost({ simulate: params.simulate, env: context.env }), context);
  switch (action as Exclude<AgentAction, 'meta-data' | 'usage' | 'validate-all'>) {
    case 'start': return agent.start();
    case 'stop': return agent.stop();
    case 'monitor': return agent.monitor();
    case 'promote': return agent.promote();
    case 'demote': return agent.demote();
    case 'notify': return agent.notify();
  }
}

/** validate-all: the file exists, parses, and defines every device group with both target groups. */
async function validate(params: AgentParameters): Promise<ScstConfig> {
  const { config } = await loadServiceConfig(params.config);
  if (!config) throw new ParameterError(T.configMissing(params.config), OCF.ERR_INSTALLED);
  for (const dg of params.deviceGroups) {
    const group = config.deviceGroups[dg];
    if (!group) throw new ParameterError(T.configNoDeviceGroup(params.config, dg));
    for (const tg of [params.localTargetGroup, params.remoteTargetGroup]) {
      if (!group.targetGroups[tg]) throw new ParameterError(T.configNoTargetGroup(params.config, dg, tg));
    }
  }
  return config;
}

function failure(error: unknown): AgentOutcome {
  if (error instanceof ParameterError) return { code: error.code, reason: error.message };
  const report = toErrorReport(error);
  const reason = [report.object, report.message].filter(Boolean).join(': ');
  // A module this kernel does not have cannot be fixed by retrying here; anything else (a refused
  // write, the lock, a daemon that would not connect) is a failure the cluster may recover from.
  return { code: report.code === 'MODULE_NOT_INSTALLED' ? OCF.ERR_INSTALLED : OCF.ERR_GENERIC, reason };
}

type LocalState = { kind: 'stopped' } | { kind: 'failed'; reason: string } | { kind: 'running'; promoted: boolean };

class Agent {
  private readonly self: string;
  private readonly promotion: Promotion;

  constructor(
    private readonly params: AgentParameters,
    private readonly config: ScstConfig,
    private readonly host: Host,
    private readonly context: AgentContext,
  ) {
    this.self = context.env.OCF_RESKEY_CRM_meta_on_node || hostname();
    this.promotion = clusterPromotion(context.env, context.log);
  }

  async monitor(): Promise<AgentOutcome> {
    const outcome = await this.observe();
    // A healthy node offers itself for promotion. A failed one keeps its score: the cluster
    // recovers it (stop, start, promote) rather than demoting it first; stop withdraws it.
    if (outcome.code === OCF.SUCCESS || outcome.code === OCF.RUNNING_PROMOTED) await this.promotion.offer(this.params.promotionScore);
    return outcome;
  }

  private async observe(): Promise<AgentOutcome> {
    const state = await this.state();
    if (state.kind === 'stopped') return { code: OCF.NOT_RUNNING };
    if (state.kind === 'failed') return { code: OCF.ERR_GENERIC, reason: state.reason };
    return { code: state.promoted ? OCF.RUNNING_PROMOTED : OCF.SUCCESS };
  }

  async start(): Promise<AgentOutcome> {
    const state = await this.state();
    if (state.kind === 'running') return { code: OCF.SUCCESS };
    const base = this.engine(true);
    // The service applies the file as an unpromoted node has it: roles, not the file, set ALUA states.
    const engine: ConfigEngine = { ...base, apply: (sysfs, desired) => base.apply(sysfs, unpromotedConfig(desired, this.params)) };
    await startService(this.host, engine, await this.serviceOptions());
    return this.verified(OCF.SUCCESS);
  }

  async stop(): Promise<AgentOutcome> {
    const state = await this.state();
    if (state.kind === 'stopped') return { code: OCF.SUCCESS };
    const engine = this.engine(true);
    if (this.params.unloadModules) {
      await stopService(this.host, engine, await this.serviceOptions());
    } else if (await isScstUp(this.host)) {
      await this.host.kernel.withSysfs((sysfs) => engine.clear(sysfs));
    }
    const outcome = await this.verified(OCF.NOT_RUNNING, OCF.SUCCESS);
    if (outcome.code === OCF.SUCCESS) await this.promotion.withdraw();
    return outcome;
  }

  async promote(): Promise<AgentOutcome> {
    const state = await this.state();
    if (state.kind === 'stopped') return { code: OCF.ERR_GENERIC, reason: T.promoteStopped };
    if (state.kind === 'running' && state.promoted) return { code: OCF.SUCCESS };
    // The peer has been demoted (the cluster demotes before it promotes): say so first, then
    // pass through transitioning, so that no moment shows two active groups.
    await this.setAll(this.params.remoteTargetGroup, this.params.unpromotedState);
    await this.setAll(this.params.localTargetGroup, TRANSITIONING);
    await this.setAll(this.params.localTargetGroup, ACTIVE);
    return this.settled(ACTIVE);
  }

  async demote(): Promise<AgentOutcome> {
    const state = await this.state();
    if (state.kind === 'stopped') return { code: OCF.NOT_RUNNING };
    await this.setAll(this.params.localTargetGroup, TRANSITIONING);
    await this.setAll(this.params.localTargetGroup, this.params.unpromotedState);
    // Demoted means not active any more: a failure elsewhere (the daemon, say) is monitor's to report.
    return this.settled(this.params.unpromotedState);
  }

  /** The peer's role changed (or is about to): the remote target group follows it. */
  async notify(): Promise<AgentOutcome> {
    const peer = peerRoleOf(this.context.env, this.self);
    if (peer === undefined) return { code: OCF.SUCCESS };
    const state = await this.state();
    if (state.kind !== 'running') return { code: OCF.SUCCESS };
    // A promoted node never reports its peer active: only the cluster's demote changes that.
    if (state.promoted && peer === 'promoted') return { code: OCF.SUCCESS };
    const remote = peer === 'promoted' ? ACTIVE : peer === 'changing' ? TRANSITIONING : this.params.unpromotedState;
    await this.setAll(this.params.remoteTargetGroup, remote);
    return { code: OCF.SUCCESS };
  }

  /** The action's result as monitor now sees it: an action that did not take is not success. */
  private async verified(expected: OcfCode, success: OcfCode = expected): Promise<AgentOutcome> {
    const now = await this.monitor();
    if (now.code === expected) return { code: success };
    return { code: OCF.ERR_GENERIC, reason: now.reason ?? `monitor reports ${now.code} after the action` };
  }

  /** Promote and demote succeed when every local target group reads the state they set. */
  private async settled(expected: string): Promise<AgentOutcome> {
    const states = await this.localStates();
    const off = states.filter((s) => s !== expected);
    if (off.length === 0) return { code: OCF.SUCCESS };
    return { code: OCF.ERR_GENERIC, reason: T.mixedStates([...new Set(states.map((s) => s ?? 'missing'))]) };
  }

  /**
   * The local target group's state in each device group: undefined where the device group is
   * missing, 'missing' where only the target group is. One exists check or read per group.
   */
  private localStates(): Promise<Array<string | undefined>> {
    return this.host.kernel.inspect((sysfs) =>
      Promise.all(this.params.deviceGroups.map(async (dg) => {
        if (!(await sysfs.exists(`device_groups/${dg}`))) return undefined;
        const path = `device_groups/${dg}/target_groups/${this.params.localTargetGroup}/state`;
        if (!(await sysfs.exists(path))) return 'missing';
        return parseAttributeText(await sysfs.read(path)).value;
      })));
  }


  /**
   * Stopped: SCST is not loaded, or loaded with none of the device groups configured. Running:
   * the modules the file needs are loaded, iscsi-scstd is connected when the file has iSCSI, and
   * every device group's local target group is in one settled state. Anything in between is a
   * failure, so the cluster recovers it. A handful of reads, whatever the host's size.
   */
  private async state(): Promise<LocalState> {
    const loaded = await loadedModuleNames(this.host);
    if (!(await isScstUp(this.host, loaded))) return { kind: 'stopped' };
    const states = await this.localStates();
    if (states.every((s) => s === undefined)) return { kind: 'stopped' };
    const missingDg = this.params.deviceGroups.find((_, i) => states[i] === undefined);
    if (missingDg) return { kind: 'failed', reason: T.deviceGroupMissing(missingDg) };
    const missingTg = this.params.deviceGroups.find((_, i) => states[i] === 'missing');
    if (missingTg) return { kind: 'failed', reason: T.targetGroupMissing(missingTg, this.params.localTargetGroup) };
    const plan = modulesForConfig(this.config);
    const missing = plan.required.filter((m) => !loaded.has(m));
    if (missing.length > 0) return { kind: 'failed', reason: T.notLoaded(missing) };
    if (plan.needsIscsiDaemon && !(await daemonStatus(this.host)).running) return { kind: 'failed', reason: T.daemonDown };
    const distinct = [...new Set(states as string[])];
    if (distinct.length === 1 && distinct[0] === ACTIVE) return { kind: 'running', promoted: true };
    if (distinct.length === 1 && distinct[0] === this.params.unpromotedState) return { kind: 'running', promoted: false };
    return { kind: 'failed', reason: T.mixedStates(distinct) };
  }

  /** One target group's state in every device group, each through the executor. */
  private async setAll(targetGroup: string, state: string): Promise<void> {
    const paths = runPaths({ simulationFile: this.params.simulate }, this.context.env);
    for (const deviceGroup of this.params.deviceGroups) {
      const change = setAluaState({ deviceGroup, targetGroup, state });
      // Roles are not configuration: nothing is saved to the file.
      const result = await this.host.kernel.withSysfs((sysfs) => runEdit(sysfs, change, { ...paths, waitSeconds: this.params.lockWait, command: `ocf ${change.command}` }));
      if (result.outcome === 'done') this.context.log(`scst: ${T.state(deviceGroup, targetGroup, state)}`);
    }
  }

  private engine(force: boolean): ConfigEngine {
    return productEngine({ force, prune: true, waitSeconds: this.params.lockWait, simulationFile: this.params.simulate, onNotice: this.context.log });
  }

  private async serviceOptions(): Promise<ServiceOptions> {
    const defaults = await readDefaults(this.host.paths.defaultsFile);
    return {
      configFile: this.params.config,
      extraModules: defaults.targetModules,
      daemonArgs: daemonArgs(defaults, undefined),
      daemon: { timeoutMs: this.params.daemonTimeout * 1000 },
    };
  }
}
