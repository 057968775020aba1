// `--state FILE`: the mock's state in SQLite, written ahead of every answer that acknowledges a
// change. Changes are noted as they happen (the engine's change journal, the dispatcher's
// delivery changes, the observed registry, market and clock; pending.ts) and written in one
// transaction:
//   - before any response that could show them goes out (commit-stage.ts: one commit for all the
//     answers of an event-loop turn), so an acknowledged order, registration or webhook is on
//     disk before the client hears of it;
//   - otherwise a few milliseconds later (webhook attempt outcomes, and the "soft" state that
//     every request moves: rate-limit counters, the request counter, a settle that filled
//     nothing). After a crash these may lag by that much; after a clean stop (close()) nothing does.
import type { EngineDelta } from '../../engine/index.js';
import type { MockContext } from '../../http/mock-context.js';
import { openStateStore, StateFileError, type DriverChoice, type StateStore, type SyncMode } from '../../../storage/index.js';
import { applyState, captureState, pricesOf, stateProblems, type MockState } from '../mock-state.js';
import { observe } from './observe.js';
import { PendingChanges } from './pending.js';
import { fileArchive } from './done-orders.js';
import { batchToState, DOC_KINDS, metaOf, stateToBatch } from './state-docs.js';

export interface PersistenceOptions {
  file: string;
  sync?: SyncMode;
  driver?: DriverChoice;
}

export interface Persistence {
  readonly file: string;
  readonly store: StateStore;
  /** What was found in the file at start: null for a new file. */
  readonly restored: { agents: number; orders: number } | null;
  /** Whether something a response could show is waiting to be written (so the response must wait). */
  mustCommit(): boolean;
  /** Writes everything pending now. */
  flush(): void;
  /** The whole state was replaced (reset, PUT /__nx/state): the next commit rewrites the file. */
  replaceAll(): void;
  /** Writes what is pending and closes the file. */
  close(): void;
}

/** Soft state waits at most this long for a commit to ride along with. */
const DEFERRED_MS = 25;
/**
 * Orders written one by one since the last full write: past this many a clean stop rewrites the
 * file with the orders in pages (a restart then reads pages, not rows per order), and past
 * COMPACT_AT_START a start does it at once (a mock that was killed over and over never stopped cleanly).
 */
const COMPACT_AT_CLOSE = 1_000;
const COMPACT_AT_START = 20_000;

export function attachPersistence(ctx: MockContext, options: PersistenceOptions): Persistence {
  const store = openStateStore(options.file, { sync: options.sync, driver: options.driver });
  const pending = new PendingChanges();
  const written = new Map<string, string>();
  let singleOrders = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const schedule = (hard: boolean): void => {
    pending.hard ||= hard;
    if (!timer && !closed) timer = setTimeout(deferred, DEFERRED_MS).unref();
  };
  const deferred = (): void => {
    timer = undefined;
    try {
      persistence.flush();
    } catch (error) {
      ctx.log(`state file ${options.file}: a write failed (${(error as Error).message}); retrying with the next change`);
    }
  };

  const onDelta = (delta: EngineDelta): void => schedule(pending.delta(delta));
  let detachEngine = ctx.engine.onChange(onDelta);
  ctx.webhookDelivery.onChange = (change) => (pending.delivery(change), schedule(true));
  ctx.onLimiterTake = (limiter, key, tat) => (pending.limit(limiter, key, tat), schedule(false));
  observe(ctx, {
    webhookAdded: (record) => (pending.webhookAdded(record), schedule(true)),
    webhookRemoved: (id) => (pending.webhookRemoved(id, ctx.webhookDelivery.messages(id)), schedule(true)),
    pricesChanged: () => schedule(true),
    clockMoved: () => schedule(true),
    wasReset: () => {
      detachEngine();
      detachEngine = ctx.engine.onChange(onDelta);
      persistence.replaceAll();
    },
  });

  /** The small meta values, each written only when it changed since it was last written. */
  const changedMeta = (): Array<[string, string]> =>
    metaOf({
      seed: ctx.options.seed,
      // Only a virtual clock's position is state; a real one would otherwise be rewritten on every commit.
      clock: { kind: ctx.clock.kind, nowMs: ctx.clock.kind === 'virtual' ? ctx.clock.now() : 0 },
      prices: pricesOf(ctx),
      requestCount: ctx.requestCount,
      controlRequestCount: ctx.controlRequestCount,
      ids: ctx.ids.save?.() ?? null,
      keys: ctx.keys?.save?.() ?? null,
      engine: pending.engineMeta ?? { nextSeq: 0, lastSettledAt: 0, rng: null },
      deliveries: { rng: pending.deliveriesRng },
    }).filter(([key, value]) => written.get(key) !== value && !(key === 'engine' && pending.engineMeta === null) && !(key === 'deliveries' && pending.deliveriesRng === null));

  const fullBatch = () => {
    const state = captureState(ctx);
    const { batch, ordinals } = stateToBatch(state);
    pending.adopt(ordinals, (id) => ctx.webhookDelivery.messages(id));
    pending.engineMeta = state.engine;
    pending.deliveriesRng = state.deliveries.rng;
    return batch;
  };

  const persistence: Persistence = {
    file: options.file,
    store,
    restored: null,
    mustCommit: () => pending.hard || pending.replace,
    flush() {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const batch = pending.replace ? fullBatch() : pending.batch(changedMeta());
      if (!batch.replace && !batch.put?.length && !batch.remove?.length && !batch.meta?.length) return;
      const orders = pending.orderCount;
      store.write(batch);
      for (const [key, value] of batch.meta ?? []) written.set(key, value);
      singleOrders = batch.replace ? 0 : singleOrders + orders;
      pending.clear();
    },
    replaceAll() {
      pending.replace = true;
      schedule(true);
    },
    close() {
      if (closed) return;
      try {
        if (singleOrders + pending.orderCount >= COMPACT_AT_CLOSE) pending.replace = true;
        persistence.flush();
      } finally {
        closed = true;
        detachEngine();
        ctx.webhookDelivery.onChange = undefined;
        ctx.onLimiterTake = undefined;
        store.close();
      }
    },
  };

  try {
    if (store.fresh) {
      persistence.replaceAll();
    } else {
      const { state, singleOrders: singles } = restore(ctx, store, options.file, pending);
      (persistence as { restored: Persistence['restored'] }).restored = { agents: state.engine.agents.length, orders: state.engine.orders.length + (state.engine.archive?.size ?? 0) };
      for (const [key, value] of metaOf(state)) written.set(key, value);
      singleOrders = singles;
      if (singleOrders >= COMPACT_AT_START) {
        ctx.log(`state file ${options.file}: ${singleOrders} orders were written one by one since it was last stopped cleanly; rewriting it in pages`);
        pending.replace = true;
      }
    }
    persistence.flush(); // a new file gets the whole state; a loaded one what loading changed (a demo agent it lacked)
  } catch (error) {
    closed = true;
    detachEngine();
    store.close();
    throw error;
  }
  return persistence;
}

/** Loads the file's state into the mock (the seed must match); the pending changes adopt its documents. */
function restore(ctx: MockContext, store: StateStore, file: string, pending: PendingChanges): { state: MockState; singleOrders: number } {
  if (ctx.options.state !== undefined) {
    throw new StateFileError(`${file} already holds a sandbox: drop --state-from to resume it, or delete ${file} to start over from the fixture.`);
  }
  const { state, ordinals, singleOrders } = batchToState(store.load(DOC_KINDS), (count) => fileArchive(store, count));
  if (state.seed !== ctx.options.seed) {
    throw new StateFileError(`${file} was made with --seed ${state.seed}; start the mock with --seed ${state.seed} (or give it another --state file).`);
  }
  const problems = stateProblems(ctx, state);
  if (problems.length > 0) throw new StateFileError(`${file} is damaged and was left as it is: ${problems.slice(0, 3).join('; ')}.`);
  applyState(ctx, state);
  pending.adopt(ordinals, (id) => ctx.webhookDelivery.messages(id));
  pending.engineMeta ??= state.engine;
  pending.deliveriesRng ??= state.deliveries.rng;
  return { state, singleOrders };
}
