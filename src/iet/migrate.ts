/**
 * One migration from file contents to result: parse ietd.conf and the access files, convert,
 * and hand back the configuration with its report. No file system access beyond the host
 * probe, so tests feed it strings and the CLI feeds it what `locate.ts` found.
 */
import type { ScstConfig } from '../model/types.js';
import { parseAccessFile, type AccessFile } from './access-files.js';
import { convertIet, type ConvertOptions } from './convert.js';
import { Report } from './findings.js';
import type { LegacyAclFiles } from './legacy-acl.js';
import { offlineHost, type HostProbe } from './host.js';
import { parseIetdConf, type IetdConf, type IetdParseOptions } from './ietd-conf.js';

export interface SourceContent {
  /** The name used in findings (the path as the admin knows it). */
  file: string;
  content: Buffer;
}

export interface MigrationSources {
  ietdConf: SourceContent;
  /** Absent = the file does not exist, which changes IET's access decision. */
  initiatorsAllow?: SourceContent;
  initiatorsDeny?: SourceContent;
  targetsAllow?: SourceContent;
}

export interface MigrationOptions extends ConvertOptions, IetdParseOptions {}

export interface MigrationResult {
  /** Undefined when an input file was refused outright (binary, template, …). */
  config?: ScstConfig;
  legacyAcl?: LegacyAclFiles;
  conf?: IetdConf;
  report: Report;
}

export function migrate(sources: MigrationSources, options: MigrationOptions = {}, host: HostProbe = offlineHost, report = new Report()): MigrationResult {
  const conf = parseIetdConf(sources.ietdConf.file, sources.ietdConf.content, report, options);
  const access = (source?: SourceContent): AccessFile | undefined | false => {
    if (!source) return undefined;
    return parseAccessFile(source.file, source.content, report, { legacy: options.ietVersion === '0.4' }) ?? false;
  };
  const allow = access(sources.initiatorsAllow);
  const deny = access(sources.initiatorsDeny);
  const targetsAllow = access(sources.targetsAllow);
  if (!conf || allow === false || deny === false || targetsAllow === false) return { report };
  const legacy = options.ietVersion === '0.4';
  const conversion = convertIet(conf, { allow, deny, targetsAllow }, { ...options, legacyAccessLogic: legacy, maxSessionsIgnored: legacy }, host, report);
  return { ...conversion, conf, report };
}
