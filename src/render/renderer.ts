/**
 * Where Vorlagen and packets are rendered: in worker threads (piscina, one per core, at most
 * one per task), or in this thread when there is only one task or one core. Results are the
 * same bytes either way.
 */
import { availableParallelism } from 'node:os';
import type { PacketPlan } from '../packet/packetPlan.js';
import type { BuiltPacket, VorlagePart } from '../packet/buildPacket.js';
import type { PacketRender } from '../packet/packetRenders.js';
import type { Document } from '../model/types.js';
import type { AnlageInput } from './anlagen/anlageInputs.js';
import type { ChartCacheRef } from './chart/chartStore.js';
import type { RenderedVorlage } from './renderVorlage.js';
import type { WorkerResult, WorkerTask } from './renderWorker.js';

export interface Renderer {
  /** how many tasks run at once */
  readonly threads: number;
  /**
   * a Vorlage with the Anlagen that have a file; `split`: its PDF and DOCX on two threads at
   * once (for a meeting of few Vorlagen), else both in one task; `charts`: where the charts'
   * pictures are cached
   */
  vorlage(
    doc: Document,
    anlagen?: readonly AnlageInput[],
    split?: boolean,
    charts?: ChartCacheRef,
  ): Promise<RenderedVorlage>;
  /** a packet; `known`: the renders of its last build (cover, separator, furniture) */
  packet(
    plan: PacketPlan,
    parts: ReadonlyMap<string, VorlagePart>,
    known?: readonly (readonly [string, PacketRender])[],
  ): Promise<BuiltPacket>;
  /** the cover's page count with three-digit page numbers */
  coverPages(plan: PacketPlan): Promise<number>;
  /** starts the threads now (loading the render stack, parsing the fonts), e.g. while checking */
  warmUp(): void;
  /** ends the threads; the next task starts new ones (their memory goes back to the system) */
  recycle(): Promise<void>;
  close(): Promise<void>;
}

/** In this thread. */
export function localRenderer(): Renderer {
  return {
    threads: 1,
    warmUp: () => undefined,
    recycle: () => Promise.resolve(),
    vorlage: async (doc, anlagen, _split, charts) =>
      (await import('./renderVorlage.js')).renderVorlage(doc, anlagen, charts),
    packet: async (plan, parts, known = []) =>
      (await import('../packet/buildPacket.js')).buildPacketWith(plan, parts, known),
    coverPages: async (plan) => (await import('../packet/buildPacket.js')).coverPages(plan),
    close: () => Promise.resolve(),
  };
}

/**
 * The old generation of a render thread, in MB (RATSMAPPE_THREAD_HEAP_MB overrides it, for
 * tests). Measured at 100 Vorlagen: without a limit the two threads' heaps grow until the build
 * takes 714 MB; at 256 MB they collect earlier and it takes 550 MB. A task that needs more (a
 * section of megabytes) runs again in the main thread, which has no such limit.
 */
const threadHeapMb = (): number => {
  const value = Number(process.env.RATSMAPPE_THREAD_HEAP_MB);
  return Number.isInteger(value) && value > 0 ? value : 256;
};

/** A task that ended its thread by running out of memory (the limit above). */
const outOfMemory = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Worker threads (at most one per task); `threads` 0 or 1 renders in this thread. `keepWarm`
 * (`build --watch`): all threads stay, loaded and compiled, between the builds; otherwise a
 * thread above the first ends after half a minute without work (close() ends all).
 */
export async function createRenderer(
  tasks = Number.POSITIVE_INFINITY,
  threads = availableParallelism(),
  keepWarm = false,
): Promise<Renderer> {
  const size = Math.min(threads, tasks);
  if (size <= 1) return localRenderer();
  const { Piscina } = await import('piscina');
  // under tsx (development, tests) the worker is the TypeScript source, loaded through tsx
  const source = import.meta.url.endsWith('.ts');
  let started: InstanceType<typeof Piscina<WorkerTask, WorkerResult>> | undefined;
  /** the threads failed outside a task (out of memory while starting): all work runs here */
  let broken = false;
  /** tasks given to the threads and not yet settled */
  const pending = new Map<
    symbol,
    {
      readonly task: WorkerTask;
      readonly resolve: (result: WorkerResult) => void;
      readonly reject: (error: unknown) => void;
    }
  >();
  // the same work in this thread: its heap has no limit
  const here = async (task: WorkerTask): Promise<WorkerResult> =>
    (await import('./renderWorker.js')).run(task);
  // the threads start with the first task: a build that finds everything in the cache starts none
  const pool = () => {
    if (started !== undefined) return started;
    const created = new Piscina<WorkerTask, WorkerResult>({
      name: 'run',
      filename: new URL(`./renderWorker.${source ? 'ts' : 'js'}`, import.meta.url).href,
      // the second thread starts with the second task at once
      minThreads: keepWarm ? size : 1,
      maxThreads: size,
      // a day (a timer takes at most 2³¹ ms); in a build half a minute: a thread that waits
      // for the other (a large section) stays loaded for the packets (measured with the 900 KB
      // section: a new thread for its packet took 0.6 s to load and compile)
      idleTimeout: keepWarm ? 86_400_000 : 30_000,
      execArgv: source ? ['--import', 'tsx'] : [],
      // a thread waits for its next task without blocking its event loop, so that what a task
      // leaves for later (the DOCX thread loading the packet module) runs while it waits
      atomics: 'async',
      // measured at 100 Vorlagen (cold, whole process): young generation 16 MB 8.6 s, 516-531 MB
      // (a scavenge every 25 ms, a fifth of the threads' time in the collector); 32 MB 8.1-8.25 s,
      // 533-543 MB; 64 MB 8.0-8.1 s but 596 MB
      resourceLimits: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: threadHeapMb() },
    });
    // a thread that ends outside a task (out of memory while it loads): piscina settles none
    // of the tasks given to it, so they, and all that follow, run here
    created.on('error', () => {
      broken = true;
      const orphans = [...pending.values()];
      pending.clear();
      for (const { task, resolve, reject } of orphans) here(task).then(resolve, reject);
    });
    started = created;
    return created;
  };
  // tasks still running when the threads are ended (the warm-up of a build that found
  // everything in the cache): a thread is never terminated mid-task, while it may be loading
  // modules or in a file operation, which can abort the whole process
  const inFlight = new Set<Promise<unknown>>();
  const run = <T extends WorkerResult>(task: WorkerTask): Promise<T> => {
    const running = new Promise<WorkerResult>((resolve, reject) => {
      if (broken) {
        here(task).then(resolve, reject);
        return;
      }
      const id = Symbol(task.kind);
      pending.set(id, { task, resolve, reject });
      pool()
        .run(task)
        .then(
          (result) => {
            if (pending.delete(id)) resolve(result);
          },
          (error: unknown) => {
            if (!pending.delete(id)) return;
            // out of memory in its thread (a section of megabytes): again, here
            if (outOfMemory(error)) here(task).then(resolve, reject);
            else reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
    }) as Promise<T>;
    inFlight.add(running);
    const settled = (): void => {
      inFlight.delete(running);
    };
    running.then(settled, settled);
    return running;
  };
  const end = async (): Promise<void> => {
    const running = started;
    started = undefined;
    await Promise.allSettled([...inFlight]);
    await running?.destroy();
  };
  return {
    threads: size,
    warmUp: () => {
      // one thread only: the check runs on the other core meanwhile
      run({ kind: 'warmup' }).catch(() => undefined);
    },
    vorlage: async (doc, anlagen = [], split = true, charts) => {
      if (!split) return run<RenderedVorlage>({ kind: 'both', doc, anlagen, charts });
      const [pdf, docx] = await Promise.all([
        run<Omit<RenderedVorlage, 'docx'>>({ kind: 'pdf', doc, anlagen, charts }),
        run<Uint8Array>({ kind: 'docx', doc, charts }),
      ]);
      return { ...pdf, docx };
    },
    packet: (plan, parts, known = []) =>
      run<BuiltPacket>({ kind: 'packet', plan, parts: [...parts], known }),
    coverPages: (plan) => run<number>({ kind: 'cover', plan }),
    recycle: end,
    close: end,
  };
}
