/**
 * Run tasks on worker threads and wait for them synchronously (the build is synchronous
 * from end to end). Each worker answers on its own message port and bumps a shared counter;
 * the main thread sleeps on the counter (`Atomics.wait`) and takes answers off the ports
 * (`receiveMessageOnPort`). Results come back in task order, whatever the timing.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface Answer<R> {
  i: number;
  ok: boolean;
  value?: R;
  error?: string;
}

/** Give up when no worker has answered for this long (a worker that died without a word). */
const SILENCE_MS = 10 * 60_000;

export function runInWorkers<T, R>(script: URL, data: unknown, tasks: readonly T[], jobs: number): R[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const workers: { worker: Worker; port: MessagePort }[] = [];
  for (let w = 0; w < Math.min(jobs, tasks.length); w++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, { workerData: { data, port: port2, signal }, transferList: [port2] });
    workers.push({ worker, port: port1 });
  }
  const results: R[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const give = (w: { worker: Worker }) => {
    if (next < tasks.length) {
      w.worker.postMessage({ i: next, task: tasks[next] });
      next++;
    }
  };
  try {
    for (const w of workers) give(w);
    let quietSince = Date.now();
    while (done < tasks.length) {
      const seen = Atomics.load(signal, 0);
      let got = false;
      for (const w of workers) {
        for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
          const a = m.message as Answer<R>;
          if (!a.ok) throw new Error(`worker failed on task ${a.i}: ${a.error}`);
          results[a.i] = a.value as R;
          done++;
          got = true;
          give(w);
        }
      }
      if (got) quietSince = Date.now();
      else if (Date.now() - quietSince > SILENCE_MS) throw new Error('the workers stopped answering');
      else Atomics.wait(signal, 0, seen, 1000);
    }
  } finally {
    for (const w of workers) void w.worker.terminate();
  }
  return results;
}
