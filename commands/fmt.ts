import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { serializeConf } from '../src/conf/serializer.js';
import { formatReportLine } from '../src/conf/render.js';
import { formatFile } from '../src/conf/workflows.js';
import { maskSecrets } from '../src/ui/mask.js';
import { FORMAT_REPORT_SHAPE } from '../src/conf/json-shapes.js';

export default class Fmt extends BaseCommand {
  static override summary = 'Print (or rewrite) an scst.conf in canonical layout.';
  static override jsonShape = FORMAT_REPORT_SHAPE;
  static override description =
    'The canonical layout is the one Perl scstadmin -write_config uses: sections and attributes in byte order, TAB indentation, its blank-line rules. Without --write the result is printed (CHAP secrets masked unless --show-secrets). With --write the file is replaced atomically (mode 0600, previous version kept in FILE.backups/); comments are not part of the canonical layout, so a file with comments needs --force. A file with errors is refused with every error listed (exit 2).';
  static override args = {
    file: Args.string({ description: 'config file', required: true }),
  };
  static override flags = {
    write: Flags.boolean({ char: 'w', description: 'rewrite the file instead of printing it' }),
    force: Flags.boolean({ description: 'with --write: drop comments the canonical layout cannot keep' }),
    'show-secrets': Flags.boolean({ description: 'print CHAP secrets instead of ********' }),
  };
  static override examples = ['<%= config.bin %> fmt /etc/scst.conf', '<%= config.bin %> fmt /etc/scst.conf --write'];

  async run(): Promise<Record<string, unknown>> {
    const { args, flags } = await this.parse(Fmt);
    const report = await formatFile(args.file, { write: flags.write, force: flags.force });
    const shown = flags['show-secrets'] ? report.text : serializeConf(maskSecrets(report.config));
    if (flags.write) this.log(formatReportLine(report));
    else process.stdout.write(this.jsonEnabled() ? '' : shown);
    const { text: _text, config: _config, ...summary } = report;
    return flags.write ? summary : { ...summary, text: shown };
  }
}
