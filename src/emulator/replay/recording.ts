/** The conformance recordings' JSON Lines format (conformance/README.md). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

export interface RecordedEntry {
  name?: string;
  path?: string;
  type: 'file' | 'dir' | 'link';
  mode?: string;
  target?: string;
  data?: string | null;
  errno?: string | null;
  skipped?: boolean;
}

export type Step =
  | { op: 'write'; path: string; data: string; errno: string | null; at?: 'open'; log?: string[] }
  | { op: 'read'; path: string; data: string | null; errno: string | null }
  | { op: 'list'; path: string; entries: RecordedEntry[] | null; errno?: string | null }
  | { op: 'tree'; path: string; entries: RecordedEntry[] }
  | { op: 'shell'; cmd: string; exit: number; out: string; log?: string[] }
  | { op: 'note'; text: string };

export interface Recording {
  name: string;
  steps: Step[];
}

export async function loadRecording(file: string): Promise<Recording> {
  const text = await readFile(file, 'utf8');
  const steps = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Step);
  return { name: basename(file), steps };
}

/** The kernel release the recording machine reported in `version` (`SCST kver:`). */
export function recordedKver(recordings: Recording[]): string | undefined {
  for (const recording of recordings) {
    for (const step of recording.steps) {
      const texts = step.op === 'read' ? [step.data] : step.op === 'tree' ? step.entries.map((e) => e.data) : [];
      for (const text of texts) {
        const match = /SCST kver: (\S+)/.exec(text ?? '');
        if (match) return match[1];
      }
    }
  }
  return undefined;
}
