import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { refuseStdoutUnderJson, writeConfFile } from '../src/conf/files.js';
import { serializeConf } from '../src/conf/serializer.js';
import { applyMigration } from '../src/iet/apply.js';
import { errorLines, renderReport, type MigrationJson } from '../src/iet/render.js';
import { maskSecrets } from '../src/ui/mask.js';
import { migrationJson, runMigration } from '../src/iet/session.js';
import { MIGRATION_SHAPE } from '../src/iet/json-shape.js';

export default class MigrateIet extends BaseCommand {
  static override summary = 'Convert an IET host (ietd.conf, initiators.allow/deny, targets.allow) to an SCST configuration, with a report.';
  static override jsonShape = MIGRATION_SHAPE;
  static override description =
    'Without paths, reads /etc/iet/… then /etc/… as IET did. Prints scst.conf on stdout (the report goes to stderr), or writes it with --output, or applies it with --apply. Exit 0 done (warnings allowed), 2 on any error (nothing written).';
  static override args = { ietd_conf: Args.string({ description: 'ietd.conf to convert (default: /etc/iet/ietd.conf, then /etc/ietd.conf)' }) };
  static override flags = {
    allow: Flags.string({ description: 'initiators.allow (default: next to ietd.conf)', helpValue: 'FILE' }),
    deny: Flags.string({ description: 'initiators.deny (default: next to ietd.conf)', helpValue: 'FILE' }),
    'targets-allow': Flags.string({ description: 'targets.allow (default: next to ietd.conf)', helpValue: 'FILE' }),
    root: Flags.string({ description: 'read host paths (/etc, /proc, /sys, backing stores) below DIR', env: 'SCSTADMIN_IET_ROOT', default: '/', helpValue: 'DIR' }),
    output: Flags.string({ char: 'o', description: 'write scst.conf to FILE (atomic, mode 0600, previous kept in FILE.backups/)', helpValue: 'FILE' }),
    apply: Flags.boolean({ description: 'apply the result to SCST now, through the executor (IET must be stopped and iscsi_trgt unloaded)', exclusive: ['output'] }),
    'dry-run': Flags.boolean({ description: 'with --apply: show the plan, change nothing', dependsOn: ['apply'] }),
    'show-secrets': Flags.boolean({ description: 'show CHAP secrets in --json and on a terminal' }),
    verbose: Flags.boolean({ char: 'v', description: 'also list every construct carried faithfully' }),
    defaults: Flags.string({ description: 'iet: also write IET defaults where SCST differs (faithful); scst: only what the file sets', options: ['iet', 'scst'], default: 'iet' }),
    'iet-version': Flags.string({ description: '0.4: IET up to 0.4.17 (exact Lun option names, files in /etc only, address-only access files without implicit deny, MaxSessions ignored)', options: ['1.4', '0.4'], default: '1.4' }),
    offline: Flags.boolean({ description: 'the files come from another machine: do not inspect backing paths or this host' }),
    'skip-broken-luns': Flags.boolean({ description: 'leave out LUNs IET itself refused, instead of failing' }),
    'split-shared-paths': Flags.boolean({ description: 'one device per LUN when LUNs on one store disagree on options' }),
    'no-lun0-placeholder': Flags.boolean({ description: 'refuse a LUN set without LUN 0 instead of adding a dummy LUN 0' }),
    'blockio-write-back': Flags.boolean({ description: 'keep SCST\'s write-back default for blockio (WCE=1 visible to initiators)' }),
    'no-usn-padding': Flags.boolean({ description: 'write ScsiSN as usn without IET\'s blank padding' }),
    'truncate-usn': Flags.boolean({ description: 'cut ScsiSN longer than 20 characters (the serial changes)' }),
    'keep-iet-inquiry': Flags.boolean({ description: 'keep vendor IET / product VIRTUAL-DISK in INQUIRY' }),
    'chap-secrets': Flags.string({ description: 'new secrets for CHAP accounts SCST would refuse: NAME SECRET lines', helpValue: 'FILE' }),
    'legacy-ip-acl': Flags.boolean({ description: 'carry initiator address rules to iscsi-scstd\'s /etc/initiators.allow/deny (written by --apply)', exclusive: ['drop-ip-acl'] }),
    'accept-narrower-acl': Flags.boolean({ description: 'with --legacy-ip-acl: names and addresses for one target must both match (IET: either)', dependsOn: ['legacy-ip-acl'] }),
    'drop-ip-acl': Flags.boolean({ description: 'drop initiator address rules SCST cannot express (WIDENS access)' }),
    'ignore-unknown': Flags.boolean({ description: 'treat unknown ietd.conf directives as IET did (ignored, warning)' }),
    'host-addresses': Flags.string({ description: 'comma list of this host\'s addresses, for targets.allow prefixes', helpValue: 'LIST' }),
  };
  static override examples = [
    '<%= config.bin %> migrate-iet > /etc/scst.conf.new',
    '<%= config.bin %> migrate-iet /etc/iet/ietd.conf --output /etc/scst.conf',
    '<%= config.bin %> migrate-iet --offline ./ietd.conf --allow ./initiators.allow --json',
    '<%= config.bin %> migrate-iet --apply --simulate',
  ];

  async run(): Promise<MigrationJson> {
    const { args, flags } = await this.parse(MigrateIet);
    refuseStdoutUnderJson(flags.output, this.jsonEnabled());
    const toStdout = !flags.output && !flags.apply && !this.jsonEnabled();
    const say = (line: string): void => (toStdout ? this.logToStderr(line) : this.log(line));
    const migration = await runMigration(
      {
        root: flags.root, ietdConf: args.ietd_conf, initiatorsAllow: flags.allow, initiatorsDeny: flags.deny, targetsAllow: flags['targets-allow'], chapSecretsFile: flags['chap-secrets'],
        options: {
          defaults: flags.defaults as 'iet' | 'scst', ietVersion: flags['iet-version'] as '1.4' | '0.4', offline: flags.offline,
          skipBrokenLuns: flags['skip-broken-luns'], splitSharedPaths: flags['split-shared-paths'], lun0Placeholder: !flags['no-lun0-placeholder'],
          blockioWriteBack: flags['blockio-write-back'], noUsnPadding: flags['no-usn-padding'], truncateUsn: flags['truncate-usn'],
          keepIetInquiry: flags['keep-iet-inquiry'], dropIpAcl: flags['drop-ip-acl'], legacyIpAcl: flags['legacy-ip-acl'], acceptNarrowerAcl: flags['accept-narrower-acl'], unknownDirectives: flags['ignore-unknown'] ? 'warning' : 'error',
          hostAddresses: flags['host-addresses']?.split(',').map((a) => a.trim()).filter((a) => a !== ''),
        },
      },
      (report, used) => {
        if (this.jsonEnabled()) return;
        for (const line of renderReport(report, used, { verbose: flags.verbose, omitBlocking: true })) this.logToStderr(line);
        for (const line of errorLines(report)) this.logToStderr(`scstadmin-ts: ${line}`);
      },
    );
    const json = migrationJson(migration, flags['show-secrets']);
    for (const line of renderReport(migration.report, migration.used, { verbose: flags.verbose })) say(line);
    if (flags.output) {
      const written = await writeConfFile(flags.output, migration.text);
      say(`${written.path}: ${written.changed ? `written (mode 0600${written.backup ? `; previous kept as ${written.backup}` : ''})` : 'unchanged'}`);
      json.output = written.path;
    } else if (flags.apply) {
      json.apply = await applyMigration(migration.config, await this.sysfs(flags), flags.root, { dryRun: flags['dry-run'], say, legacyAcl: migration.legacyAcl });
    } else if (toStdout) {
      // A terminal is a screen, not a file: mask secrets there unless asked.
      const onScreen = process.stdout.isTTY && !flags['show-secrets'];
      process.stdout.write(onScreen ? serializeConf(maskSecrets(migration.config)) : migration.text);
      if (onScreen) this.logToStderr('CHAP secrets are masked on a terminal: redirect stdout to a file, or use --output or --show-secrets');
    }
    return json;
  }
}
