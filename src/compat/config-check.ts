/**
 * -check_config (and the first half of -config): the file read by our scst.conf parser, then
 * the checks Perl scstadmin makes, in its words: missing sections, drivers and handlers this
 * host lacks, LUNs and device-group members naming devices the file does not define (dropped,
 * with a warning), LUN 0 missing, an initiator in two groups, hardware targets that do not exist.
 * What scstadmin would drop is dropped from the returned model, so -config applies the same.
 */
import { readConfFile } from '../conf/files.js';
import { parseConf } from '../conf/parse.js';
import type { ScstConfig } from '../model/types.js';
import type { CompatOutput } from './output.js';
import type { CompatTree } from './tree.js';

export interface CheckOutcome {
  /** Undefined when the file could not be read at all. */
  config?: ScstConfig;
  errors: number;
  warnings: number;
}

export async function checkConfiguration(tree: CompatTree, out: CompatOutput, file: string): Promise<CheckOutcome> {
  out.print(`-> Checking configuration file '${file}' for errors.\n`);
  let text: string;
  try {
    text = (await readConfFile(file)).text;
  } catch {
    out.print('-> WARNING: Configuration is empty or unreadable, aborting.\n\n');
    return { errors: 1, warnings: 0 };
  }
  const parsed = parseConf(text, file);
  const config = parsed.config;
  let errors = 0;
  let warnings = 0;
  const warn = (message: string) => {
    out.print(`\t-> WARNING: ${message}\n\n`);
    warnings++;
  };
  const fatal = (message: string) => {
    out.print(`\t-> FATAL: ${message}\n`);
    errors++;
  };
  for (const d of parsed.diagnostics.filter((x) => x.severity === 'error')) fatal(`${d.file}:${d.line}:${d.col}: ${d.message}`);

  const noDrivers = Object.keys(config.drivers).length === 0;
  const noHandlers = Object.keys(config.handlers).length === 0;
  if (noDrivers) warn('No TARGET_DRIVER section defined. No target drivers will be configured.');
  if (noHandlers) warn('No HANDLER section defined. Only physical media will be configured for targets.');
  if (noDrivers && noHandlers) {
    out.print('FATAL: No target drivers or handlers defined, aborting!\n');
    errors++;
  }

  const hostDrivers = new Set(await tree.drivers());
  for (const [driver, d] of Object.entries(config.drivers)) {
    if (!hostDrivers.has(driver)) {
      warn(`Target driver '${driver}' is not loaded or available.`);
      delete config.drivers[driver];
      continue;
    }
    if (Object.keys(d.targets).length === 0) warn(`Driver '${driver}' has no configured targets.`);
    const hostTargets = new Set((await tree.targets(driver)) ?? []);
    const creates = (await tree.entries(`targets/${driver}`))?.some((e) => e.name === 'mgmt') ?? false;
    for (const target of Object.values(d.targets)) {
      const seen = new Set<string>();
      for (const group of Object.values(target.groups)) {
        for (const initiator of group.initiators) {
          if (seen.has(initiator)) {
            out.print(`\t-> FATAL: Initiator '${initiator}' belongs to more than one group.\n\t     Initiators can only belong to one group at a time for a given target.\n`);
            errors++;
          }
          seen.add(initiator);
        }
      }
      if (!hostTargets.has(target.name) && (!creates || target.hardware)) {
        fatal(`Target '${target.name}' for driver '${driver}' does not exist.`);
        delete d.targets[target.name];
      }
    }
  }

  const hostHandlers = new Set(await tree.handlers());
  const defined = new Set<string>();
  for (const handler of Object.keys(config.handlers).sort()) {
    if (!hostHandlers.has(handler)) {
      out.print(`\t-> WARNING: No such handler '${handler}' available, ignoring.\n`);
      warnings++;
      delete config.handlers[handler];
      continue;
    }
    for (const device of Object.keys(config.handlers[handler]!.devices)) defined.add(device);
  }

  for (const [driver, d] of Object.entries(config.drivers)) {
    for (const target of Object.values(d.targets)) {
      const sets: Array<[string, typeof target.luns]> = [[`driver/target '${driver}/${target.name}'`, target.luns]];
      for (const group of Object.values(target.groups)) sets.push([`driver/target/group '${driver}/${target.name}/${group.name}'`, group.luns]);
      sets.forEach(([where, luns], i) => {
        const hadLuns = Object.keys(luns).length > 0;
        for (const [lun, entry] of Object.entries(luns)) {
          if (defined.has(entry.device)) continue;
          warn(`Device '${entry.device}' associated with driver/target '${driver}/${target.name}' at LUN ${lun} is not defined within configuration, removing it.`);
          delete luns[lun];
        }
        if (hadLuns && !('0' in luns) && (i > 0 || driver !== 'copy_manager')) {
          warn(`No LUN 0 defined for ${where}. Many initiators require a LUN 0 to be defined.`);
        }
      });
    }
  }

  for (const dgroup of Object.values(config.deviceGroups)) {
    for (const device of [...dgroup.devices]) {
      if (defined.has(device)) continue;
      warn(`Device '${device}' associated with device group '${dgroup.name}' is not defined within configuration, removing it.`);
      dgroup.devices = dgroup.devices.filter((x) => x !== device);
    }
  }

  if (errors > 0) out.print(`\t-> Done, ${errors} errors found.\n`);
  else out.print(`\t-> Done, ${warnings} warnings found.\n\n`);
  return { config, errors, warnings };
}
