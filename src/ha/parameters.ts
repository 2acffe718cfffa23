/**
 * The agent's parameters: one table that the meta-data, the environment reader and validate-all
 * all come from. Pacemaker hands each parameter to the agent as OCF_RESKEY_<name>.
 */
import { OCF, type OcfCode } from './codes.js';

export const UNPROMOTED_STATES = ['standby', 'offline'] as const;
export type UnpromotedState = (typeof UNPROMOTED_STATES)[number];

type ParameterType =
  | { kind: 'string' }
  | { kind: 'list' }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'select'; values: readonly string[] };

export interface ParameterSpec {
  name: string;
  type: ParameterType;
  /** Undefined: the parameter is required. */
  default?: string;
  shortdesc: string;
  longdesc: string;
}

export const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'config',
    type: { kind: 'string' },
    default: '/etc/scst.conf',
    shortdesc: 'SCST configuration file',
    longdesc: 'The scst.conf this node applies on start. It must define the device groups and both target groups named below, with the same content on both nodes apart from each node\'s own targets.',
  },
  {
    name: 'device_groups',
    type: { kind: 'list' },
    shortdesc: 'ALUA device groups',
    longdesc: 'Space-separated names of the ALUA device groups that fail over together (the DEVICE_GROUP sections of the configuration file).',
  },
  {
    name: 'local_target_group',
    type: { kind: 'string' },
    shortdesc: 'This node\'s target group',
    longdesc: 'The target group, in every listed device group, that holds this node\'s target ports. It is active while this node is promoted.',
  },
  {
    name: 'remote_target_group',
    type: { kind: 'string' },
    shortdesc: 'The peer node\'s target group',
    longdesc: 'The target group, in every listed device group, that stands for the peer node\'s target ports. It is reported active while the peer is promoted.',
  },
  {
    name: 'unpromoted_state',
    type: { kind: 'select', values: UNPROMOTED_STATES },
    default: 'standby',
    shortdesc: 'ALUA state while unpromoted',
    longdesc: 'The access state of a target group whose node is not promoted: standby (initiators may still send a few commands such as REPORT TARGET PORT GROUPS) or offline.',
  },
  {
    name: 'promotion_score',
    type: { kind: 'integer', min: 0, max: 1000000 },
    default: '100',
    shortdesc: 'Promotion score of a healthy node',
    longdesc: 'The score a running, healthy node offers Pacemaker for promotion (0: never promote this node). Give the node that should normally be active a higher score, or let constraints decide.',
  },
  {
    name: 'unload_modules',
    type: { kind: 'boolean' },
    default: 'false',
    shortdesc: 'Unload the SCST modules on stop',
    longdesc: 'When true, stop also stops iscsi-scstd and unloads the SCST kernel modules; when false, stop only removes the configuration and leaves the modules and the daemon running.',
  },
  {
    name: 'lock_wait',
    type: { kind: 'integer', min: 0, max: 3600 },
    default: '30',
    shortdesc: 'Seconds to wait for another run\'s lock',
    longdesc: 'How long an action waits for another scstadmin-ts run (an admin\'s command, say) to finish before it fails.',
  },
  {
    name: 'daemon_timeout',
    type: { kind: 'integer', min: 1, max: 3600 },
    default: '30',
    shortdesc: 'Seconds to wait for iscsi-scstd',
    longdesc: 'How long start waits for iscsi-scstd to connect to the kernel, and stop for it to exit.',
  },
  {
    name: 'simulate',
    type: { kind: 'string' },
    default: '',
    shortdesc: 'Emulated host state file (testing)',
    longdesc: 'Drive an emulated SCST host kept in this state file instead of the kernel, as scstadmin-ts --simulate does. For rehearsing a cluster without SCST; leave empty in production.',
  },
];

export interface AgentParameters {
  config: string;
  deviceGroups: string[];
  localTargetGroup: string;
  remoteTargetGroup: string;
  unpromotedState: UnpromotedState;
  unloadModules: boolean;
  promotionScore: number;
  lockWait: number;
  daemonTimeout: number;
  simulate?: string;
}

/** A parameter problem, with the OCF code it gives. */
export class ParameterError extends Error {
  constructor(message: string, readonly code: OcfCode = OCF.ERR_CONFIGURED) {
    super(message);
  }
}

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** The raw value of each parameter from the environment Pacemaker gives the agent. */
function rawValue(spec: ParameterSpec, env: NodeJS.ProcessEnv): string {
  const value = env[`OCF_RESKEY_${spec.name}`];
  if (value !== undefined && value !== '') return value;
  if (spec.default !== undefined) return spec.default;
  throw new ParameterError(`parameter ${spec.name} is required`);
}

function typed(spec: ParameterSpec, raw: string): string | string[] | boolean | number {
  const type = spec.type;
  switch (type.kind) {
    case 'string':
      return raw;
    case 'list':
      return raw.split(/[\s,]+/).filter((word) => word !== '');
    case 'boolean': {
      const word = raw.toLowerCase();
      if (TRUE_WORDS.includes(word)) return true;
      if (FALSE_WORDS.includes(word)) return false;
      throw new ParameterError(`parameter ${spec.name}: '${raw}' is not a boolean (true or false)`);
    }
    case 'integer': {
      if (!/^\d+$/.test(raw) || Number(raw) < type.min || Number(raw) > type.max) {
        throw new ParameterError(`parameter ${spec.name}: '${raw}' is not a whole number from ${type.min} to ${type.max}`);
      }
      return Number(raw);
    }
    case 'select':
      if (!type.values.includes(raw)) throw new ParameterError(`parameter ${spec.name}: '${raw}' is not one of ${type.values.join(', ')}`);
      return raw;
  }
}

/** Every parameter read and type-checked; the first problem throws a ParameterError. */
export function readParameters(env: NodeJS.ProcessEnv = process.env): AgentParameters {
  const values = new Map(PARAMETERS.map((spec) => [spec.name, typed(spec, rawValue(spec, env))]));
  const get = <T>(name: string) => values.get(name) as T;
  const deviceGroups = get<string[]>('device_groups');
  if (deviceGroups.length === 0) throw new ParameterError('parameter device_groups names no device group');
  const params: AgentParameters = {
    config: get<string>('config'),
    deviceGroups,
    localTargetGroup: get<string>('local_target_group'),
    remoteTargetGroup: get<string>('remote_target_group'),
    unpromotedState: get<UnpromotedState>('unpromoted_state'),
    unloadModules: get<boolean>('unload_modules'),
    promotionScore: get<number>('promotion_score'),
    lockWait: get<number>('lock_wait'),
    daemonTimeout: get<number>('daemon_timeout'),
  };
  if (params.localTargetGroup === params.remoteTargetGroup) {
    throw new ParameterError('local_target_group and remote_target_group name the same target group');
  }
  const simulate = get<string>('simulate');
  if (simulate !== '') params.simulate = simulate;
  return params;
}
