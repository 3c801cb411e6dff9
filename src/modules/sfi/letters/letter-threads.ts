import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { renderDecisionLetter, type RenderLetterOptions } from './decision-letter.ts';
import type { DecisionLetterInput } from './decision-letter.schema.ts';

/**
 * Decision letters rendered in worker threads, off the event loop. A letter is ~8 ms of CPU;
 * rendered inline (as before), each one stalls every other request and job of the process for
 * that long — including a transaction holding a lock that others wait for. Threads start on the
 * first letter, keep the process alive only while a letter is being rendered, and are replaced
 * when one dies. If a thread cannot start at all (no tsx loader, say), letters are rendered
 * inline from then on: slower, never lost. The bytes are the same as renderDecisionLetter's.
 */
export interface LetterRenderer {
  render(input: DecisionLetterInput, options?: RenderLetterOptions): Promise<Buffer>;
  /** Ends the threads (letters being rendered are rejected). */
  close(): Promise<void>;
  /** True once letters are rendered inline because no thread could start. */
  readonly inline: boolean;
}

interface Request {
  id: number;
  input: DecisionLetterInput;
  options: RenderLetterOptions;
}
type Reply = { id: number; pdf: Uint8Array } | { id: number; error: { name: string; message: string } };

interface Thread {
  worker: Worker;
  pending: Map<number, { request: Request; resolve: (pdf: Buffer) => void; reject: (error: Error) => void }>;
  answered: boolean;
}

const THREAD_FLAG = 'smorgasbordLetterThread';

function tsxBootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
}

export function createLetterThreads(options: { threads: number }): LetterRenderer {
  const threads: Thread[] = [];
  let inline = false;
  let nextId = 1;

  function start(): Thread {
    const flag = { [THREAD_FLAG]: true };
    const worker = import.meta.url.endsWith('.js')
      ? // The compiled bundle (dist/main.js, `npm start`): the build makes this file dist/letter-thread.js.
        new Worker(new URL('./letter-thread.js', import.meta.url), { workerData: flag })
      : // From source: a worker does not inherit tsx's loader hooks (Node 20); it registers them, then loads this file.
        new Worker(tsxBootstrap(), { eval: true, workerData: flag });
    const thread: Thread = { worker, pending: new Map(), answered: false };
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = thread.pending.get(reply.id);
      if (!waiting) return;
      thread.pending.delete(reply.id);
      thread.answered = true;
      if (thread.pending.size === 0) worker.unref();
      if ('pdf' in reply) waiting.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    });
    const fail = (error: Error) => {
      const index = threads.indexOf(thread);
      if (index >= 0) threads.splice(index, 1);
      const waiting = [...thread.pending.values()];
      thread.pending.clear();
      if (!thread.answered) {
        // The thread never worked: render inline from now on, these letters too.
        inline = true;
        for (const w of waiting) renderInline(w.request).then(w.resolve, w.reject);
        return;
      }
      for (const w of waiting) w.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The letter thread stopped (exit code ${code}).`)));
    threads.push(thread);
    return thread;
  }

  async function renderInline(request: Request): Promise<Buffer> {
    return renderDecisionLetter(request.input, request.options);
  }

  return {
    render(input, renderOptions = {}) {
      const request: Request = { id: nextId++, input, options: renderOptions };
      if (inline) return renderInline(request);
      if (threads.length < options.threads) start();
      const thread = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      return new Promise<Buffer>((resolve, reject) => {
        thread.pending.set(request.id, { request, resolve, reject });
        thread.worker.ref();
        thread.worker.postMessage(request);
      });
    },
    get inline() {
      return inline;
    },
    async close() {
      const all = threads.splice(0);
      await Promise.all(all.map((t) => t.worker.terminate()));
    },
  };
}

// In a letter thread: render what the main thread sends.
if (!isMainThread && (workerData as Record<string, unknown> | null)?.[THREAD_FLAG]) {
  parentPort!.on('message', (request: Request) => {
    let reply: Reply;
    try {
      const pdf = renderDecisionLetter(request.input, request.options);
      reply = { id: request.id, pdf: new Uint8Array(pdf) }; // a copy that owns its buffer, so it can be transferred
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id: request.id, error: { name: e.name, message: e.message } };
    }
    parentPort!.postMessage(reply, 'pdf' in reply ? [reply.pdf.buffer as ArrayBuffer] : []);
  });
}
