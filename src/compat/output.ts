/**
 * What Perl scstadmin prints around every run, which callers parse: the "Collecting current
 * configuration" line, the FATAL and WARNING blocks, the confirmation prompt, "All done.".
 * Output goes to injected writers so that tests and the CLI share one code path.
 */
export interface CompatIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** One line of standard input (without its newline), or undefined at end of input. */
  readLine: () => Promise<string | undefined>;
}

export class CompatOutput {
  constructor(private readonly io: CompatIo) {}

  print(text: string): void {
    this.io.stdout(text);
  }

  error(text: string): void {
    this.io.stderr(text);
  }

  collecting(): void {
    this.print('\nCollecting current configuration: ');
  }

  collected(): void {
    this.print('done.\n\n');
  }

  allDone(): void {
    this.print('\nAll done.\n');
  }

  /** The block scstadmin prints before it exits 1. */
  fatal(message: string): void {
    this.print(`\n\nFATAL: Received the following error:\n\n\t${message}\n\n`);
  }

  /** The block of an error scstadmin reports and carries on from. */
  warning(message: string): void {
    this.print(`\n\nWARNING: Received the following error:\n\n\t${message}\n\n`);
  }

  /** The confirmation: true when the admin answered y or yes. */
  async confirm(): Promise<boolean> {
    this.print('Performing this action may result in lost or corrupt data, are you sure you wish to continue (y/[n]) ? ');
    const answer = await this.io.readLine();
    if (answer !== undefined && /^y(es)?$/i.test(answer)) return true;
    this.print('Aborting action.\n');
    return false;
  }
}

/** Perl's `%-*s`: the text padded with blanks to at least `width` characters. */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Perl's sort: plain string order. */
export function perlSort(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
