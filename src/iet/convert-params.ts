/**
 * Target parameters → iSCSI-SCST target attributes (ietd-conf.md §3.5, pitfall 13): carry the
 * value IET actually ran, then fit it into iSCSI-SCST's range, and with `--defaults iet` also
 * write IET's defaults where SCST's differ, so initiators negotiate what they did before.
 */
import { dict, type AttrValues } from '../model/types.js';
import type { Report } from './findings.js';
import type { IetParam, IetTarget } from './ietd-conf.js';
import { MSG } from './messages.js';
import { effectiveValue, findParam, IET_DEFAULTS_WORTH_WRITING, type ParamSpec } from './params.js';

export type DefaultsMode = 'iet' | 'scst';

export interface ParamResult {
  attributes: AttrValues;
  /** False when IET refused every login (negative MaxSessions). */
  loginsPossible: boolean;
}

export function convertParams(target: IetTarget, defaults: DefaultsMode, report: Report, options: { maxSessionsIgnored?: boolean } = {}): ParamResult {
  const attributes: AttrValues = dict();
  let loginsPossible = true;
  const effective = new Map<string, string>();
  for (const [name, param] of target.params) {
    const result = effectiveValue(param.spec, param.words);
    const construct = [param.spec.name, ...param.words].join(' ');
    effective.set(name, result.value);
    if (name === 'NOPTimeout') continue; // needs NOPInterval: below
    if (name === 'MaxSessions' && options.maxSessionsIgnored) {
      report.info({ code: 'IET_PARAM_DROPPED', treatment: 'dropped', at: param.at, construct, message: MSG.dropped(name, 'IET before 1.4.19 never enforced it') });
      continue;
    }
    if (name === 'MaxSessions' && Number(result.value) < 0) {
      loginsPossible = false;
      report.warning({ code: 'IET_MAX_SESSIONS_NEGATIVE', treatment: 'faithful', at: param.at, construct, message: MSG.maxSessionsNegative });
      continue;
    }
    const scst = param.spec.scst;
    if (!scst) {
      dropParam(param, result.value, report, construct, result.note?.detail);
      continue;
    }
    const value = fitScstRange(param, result.value, report, construct);
    attributes[scst.name] = [value];
    if (result.note) {
      report.warning({ code: result.note.code, treatment: 'faithful', at: param.at, construct, message: MSG.paramEffective(result.note.detail, scst.name, value) });
    } else {
      report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: param.at, construct, message: MSG.paramCarried(scst.name, value) });
    }
  }
  nopTimeout(target, effective, attributes, report);
  if (target.alias) {
    attributes.alias = [target.alias.text];
    report.info({ code: 'IET_ALIAS_NOW_VISIBLE', treatment: 'approx', at: target.alias.at, construct: `Alias ${target.alias.text}`, message: MSG.alias });
  }
  applyDefaults(target, defaults, attributes, report);
  const first = attributes.FirstBurstLength?.[0] ?? '65536';
  const max = attributes.MaxBurstLength?.[0] ?? (defaults === 'iet' ? '262144' : '1048576');
  const firstAt = target.params.get('FirstBurstLength')?.at;
  if (firstAt && Number(first) > Number(max)) {
    report.warning({ code: 'IET_FIRST_BURST_ABOVE_MAX', treatment: 'faithful', at: firstAt, message: MSG.firstBurstAboveMax(first, max) });
  }
  return { attributes, loginsPossible };
}

function dropParam(param: IetParam, value: string, report: Report, construct: string, ietDetail?: string): void {
  const spec = param.spec;
  if (spec.name === 'MaxConnections') {
    if (value !== '1') report.warning({ code: 'IET_MCS_UNSUPPORTED', treatment: 'dropped', at: param.at, construct, message: MSG.mcs(value) });
    return;
  }
  if (spec.name === 'DefaultTime2Wait') {
    report.warning({ code: 'IET_PARAM_DROPPED', treatment: 'dropped', at: param.at, construct, message: MSG.time2Wait });
    return;
  }
  const why = spec.dropReason ?? 'no SCST equivalent';
  report.info({ code: 'IET_PARAM_DROPPED', treatment: 'dropped', at: param.at, construct, message: MSG.dropped(spec.name, ietDetail ? `${why} (${ietDetail})` : why) });
}

/** iSCSI-SCST refuses out-of-range writes where IET clamped silently. */
function fitScstRange(param: IetParam, value: string, report: Report, construct: string): string {
  const scst = param.spec.scst as NonNullable<ParamSpec['scst']>;
  if (scst.min === undefined || scst.max === undefined) return value;
  const n = Number(value);
  const limit = n < scst.min ? scst.min : n > scst.max ? scst.max : undefined;
  if (limit === undefined) return value;
  report.warning({ code: 'IET_SCST_RANGE_CLAMPED', treatment: 'approx', at: param.at, construct, message: MSG.scstClamped(scst.name, n, limit) });
  return String(limit);
}

function nopTimeout(target: IetTarget, effective: Map<string, string>, attributes: AttrValues, report: Report): void {
  const interval = Number(effective.get('NOPInterval') ?? '0');
  const line = target.params.get('NOPTimeout');
  const construct = line ? ['NOPTimeout', ...line.words].join(' ') : undefined;
  if (interval === 0) {
    if (line) report.info({ code: 'IET_PARAM_DROPPED', treatment: 'dropped', at: line.at, construct, message: MSG.nopTimeoutUnused });
    return;
  }
  const written = Number(effective.get('NOPTimeout') ?? '0');
  // IET used NOPInterval as the timeout when NOPTimeout was 0 or larger than the interval.
  let value = written === 0 || written > interval ? interval : written;
  if (value < 2) {
    value = 2;
    report.warning({ code: 'IET_SCST_RANGE_CLAMPED', treatment: 'approx', at: line?.at ?? target.params.get('NOPInterval')?.at, construct, message: MSG.nopTimeoutRaised });
  } else if (line && value !== written) {
    report.warning({ code: 'IET_VALUE_CLAMPED', treatment: 'faithful', at: line.at, construct, message: MSG.nopTimeout(String(value)) });
  } else if (line) {
    report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: line.at, construct, message: MSG.paramCarried('NopInTimeout', String(value)) });
  }
  attributes.NopInTimeout = [String(value)];
}

function applyDefaults(target: IetTarget, defaults: DefaultsMode, attributes: AttrValues, report: Report): void {
  for (const d of IET_DEFAULTS_WORTH_WRITING) {
    if (attributes[d.attribute] !== undefined || target.params.has(d.param)) continue;
    if (defaults === 'iet') {
      attributes[d.attribute] = [d.value];
    } else {
      const spec = findParam(d.param) as ParamSpec;
      report.warning({ code: 'IET_DEFAULT_CHANGES', treatment: 'approx', at: target.at, construct: `Target ${target.name}`, message: MSG.defaultChanges(d.attribute, d.value, spec.scst?.scstDefault ?? '') });
    }
  }
}
