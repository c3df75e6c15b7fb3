import type { ComputeResult, PopulationYear } from '@indicate/returns';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComputeMessage, ComputeRequest } from './compute.worker.ts';

export type ComputeState =
  | { status: 'idle' }
  | { status: 'running'; done: number; stage: string }
  | { status: 'done'; result: ComputeResult; files: Array<{ name: string; sha256: string; bytes: number }>; ms: number }
  | { status: 'failed'; message: string };

/** Runs the returns computation in a web worker, one at a time; a new run replaces the one before. */
export function useComputeFromReturns() {
  const [state, setState] = useState<ComputeState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => stop, []);

  const run = useCallback((files: File[], asAt: string, population: PopulationYear[]) => {
    stop();
    const started = performance.now();
    const w = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setState({ status: 'running', done: 0, stage: 'Reading the files' });
    w.onmessage = (event: MessageEvent<ComputeMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') setState({ status: 'running', done: message.done, stage: message.stage });
      else if (message.kind === 'failed') setState({ status: 'failed', message: message.message });
      else {
        setState({ status: 'done', result: message.result, files: message.files, ms: performance.now() - started });
        stop();
      }
    };
    w.onerror = (event) => setState({ status: 'failed', message: event.message || 'The computation stopped.' });
    w.postMessage({ files, asAt, population } satisfies ComputeRequest);
  }, []);

  const reset = useCallback(() => {
    stop();
    setState({ status: 'idle' });
  }, []);

  return { state, run, reset };
}
