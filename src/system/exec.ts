/**
 * execa, imported on its first call. Loading it (and the stream and signal modules it brings)
 * is about a fifth of a host command's start-up, and most runs start no program at all: an
 * emulated host, a host where the modules are already loaded, a read-only command.
 */
import type { Options, Result } from 'execa';

export async function execa<OptionsType extends Options = Record<never, never>>(file: string, args: readonly string[], options?: OptionsType): Promise<Result<OptionsType>> {
  const { execa: run } = await import('execa');
  return (await run(file, args, options)) as unknown as Result<OptionsType>;
}
