/// <reference lib="webworker" />
import { computeFromReturns, type ComputeResult, type PopulationYear } from '@indicate/returns';

/**
 * Computes the quarter's figures from the returns the analyst picked, off the page's thread. The files are
 * read and hashed here, in the browser: nothing of them is sent anywhere. Answers with progress messages,
 * then the whole result (child-level units included, for the analyst's eyes on this machine).
 */

export type ComputeRequest = { files: File[]; asAt: string; population: PopulationYear[] };
export type ComputeMessage =
  | { kind: 'progress'; done: number; stage: string }
  | { kind: 'result'; result: ComputeResult; files: Array<{ name: string; sha256: string; bytes: number }> }
  | { kind: 'failed'; message: string };

const post = (message: ComputeMessage) => self.postMessage(message);

/** More than a browser tab can hold as text alongside what is read from it: the CLI takes national files. */
const MAX_BYTES = 1e9;

const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

self.onmessage = async (event: MessageEvent<ComputeRequest>) => {
  const { files, asAt, population } = event.data;
  try {
    const total = files.reduce((sum, f) => sum + f.size, 0);
    if (total > MAX_BYTES) {
      post({
        kind: 'failed',
        message: `the files come to ${(total / 1e9).toFixed(1)} GB, more than the ${MAX_BYTES / 1e9} GB a browser can hold; compute them with pnpm cli returns compute instead`,
      });
      return;
    }
    const read: Array<{ name: string; text: string }> = [];
    const hashed: Array<{ name: string; sha256: string; bytes: number }> = [];
    const decoder = new TextDecoder('utf-8');
    for (const [i, file] of files.entries()) {
      const bytes = await file.arrayBuffer();
      const name = file.webkitRelativePath || file.name;
      hashed.push({ name, sha256: hex(await crypto.subtle.digest('SHA-256', bytes)), bytes: bytes.byteLength });
      read.push({ name, text: decoder.decode(bytes) });
      post({ kind: 'progress', done: (0.2 * (i + 1)) / files.length, stage: `Read ${name}` });
    }
    const result = computeFromReturns(read, {
      asAt,
      population,
      onProgress: (done) => post({ kind: 'progress', done: 0.2 + 0.8 * done, stage: 'Computing' }),
    });
    post({ kind: 'result', result, files: hashed });
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
