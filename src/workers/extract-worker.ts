/**
 * A worker of `extractAll --jobs`: loads the resources once, then runs the per-day stage
 * (read → pipeline) on the bytes of each file it is sent, answering on its port.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { extractBytes, type WorkerOptions } from '../pipeline.js';
import { loadResources } from '../resources.js';
import type { Answer } from './pool.js';

const { data, port, signal } = workerData as { data: WorkerOptions; port: MessagePort; signal: Int32Array };
const res = loadResources(data.paths);

parentPort!.on('message', ({ i, task }: { i: number; task: { file: string; bytes: Uint8Array } }) => {
  let answer: Answer<unknown>;
  try {
    const { docs, diagnostics } = extractBytes(Buffer.from(task.bytes), task.file, res, data.opts);
    answer = { i, ok: true, value: { docs: docs.map(({ index: _index, ...rest }) => rest), diagnostics } };
  } catch (e) {
    answer = { i, ok: false, error: (e as Error).stack ?? String(e) };
  }
  port.postMessage(answer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
