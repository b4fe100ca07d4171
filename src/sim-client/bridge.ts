/**
 * A typed comlink bridge to one worker: lazy start, calls tracked so they can be cancelled, and
 * recovery without a person:
 * - a worker that throws outside a call (or fails to load), stops answering the heartbeat while a call
 *   runs (terminated from outside, or hung), or runs a call over its time limit is terminated and started
 *   afresh; the calls it was running are retried on the new worker (once, by default), after the
 *   worker's state is replayed (`addRestore`: e.g. the traffic network built again from the same inputs);
 * - only calls that cannot be retried reject (WorkerCrashedError), and only then is `onCrash` told;
 * - `cancel()` always ends every call at once (the worker is terminated; it restarts on the next call).
 *
 * The heartbeat is a plain message `{ citytwinHeartbeat: n }` (src/core/heartbeat) that each worker echoes
 * (workers/heartbeat.ts); comlink ignores it on both sides. It runs only while a call is pending.
 */
import { HEARTBEAT_KEY, isHeartbeat } from '../core/heartbeat/index.ts';
import { type Remote, wrap } from 'comlink';

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(worker: string) {
    super(`${worker}: cancelled`);
  }
}

export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
}

export interface BridgeEvents {
  /** The worker died and a call failed for good (or none was running); it will be restarted on the next call. */
  onCrash?(worker: string, message: string): void;
}

/** The message a worker echoes to show it is alive. */

export interface BridgeLimits {
  /** A worker silent this long while a call runs is taken for dead, ms. */
  silenceMs: number;
  /** The longest one call may run (each attempt), ms; 0: no limit. */
  jobLimitMs: number;
  /** How often the heartbeat is sent while a call runs, ms. */
  beatMs: number;
  /** Retries of a call cut short by a crash, a silence or its time limit. */
  retries: number;
}

/**
 * Defaults in the planner's view: generous, since a big city's network is built in one synchronous piece
 * of several seconds during which the worker cannot answer. The kiosk file sets its own.
 */
export const DEFAULT_LIMITS: BridgeLimits = { silenceMs: 60_000, jobLimitMs: 15 * 60_000, beatMs: 1000, retries: 1 };

interface Pending {
  startedAt: number;
  fail(err: Error, retryable: boolean): boolean;
}

export interface CallOptions {
  /** Retries after a crash (default: the bridge's `limits.retries`); 0 for calls that only make sense once. */
  readonly retries?: number;
}

/** Counts over the bridge's life, for the kiosk's health overlay and tests. */
export interface BridgeStats {
  /** Workers started (1 + restarts). */
  starts: number;
  /** Workers lost to a crash, a silence or a time limit. */
  crashes: number;
  /** Calls retried on a fresh worker. */
  retried: number;
  /** Why the last worker was lost. */
  lastCrash: string | null;
}

export class WorkerBridge<Api> {
  private worker: Worker | undefined;
  private remote: Remote<Api> | undefined;
  /** Replays the worker's state (after a restart) before the next call runs. */
  private restoring: Promise<void> | undefined;
  private readonly pending = new Set<Pending>();
  private readonly crashListeners = new Set<NonNullable<BridgeEvents['onCrash']>>();
  private readonly restores = new Map<string, (api: Remote<Api>) => Promise<unknown>>();
  private beat: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private seq = 0;
  readonly stats: BridgeStats = { starts: 0, crashes: 0, retried: 0, lastCrash: null };
  /** Change in place (the kiosk file, tests). */
  readonly limits: BridgeLimits = { ...DEFAULT_LIMITS };

  constructor(
    readonly name: string,
    private create: () => Worker,
    private readonly events: BridgeEvents = {},
  ) {}

  /** How many workers this bridge has started (1 + restarts). */
  get starts(): number {
    return this.stats.starts;
  }

  get running(): number {
    return this.pending.size;
  }

  /** Whether a worker is alive now (started and not stopped). */
  get alive(): boolean {
    return this.worker !== undefined;
  }

  private ensure(): Remote<Api> {
    if (this.remote) return this.remote;
    const w = this.create();
    const restart = this.stats.starts > 0;
    this.stats.starts++;
    w.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      if (this.worker === w) this.crash(e.message || 'the worker failed');
    });
    w.addEventListener('messageerror', () => {
      if (this.worker === w) this.crash('a message from the worker could not be read');
    });
    w.addEventListener('message', (e: MessageEvent) => {
      if (this.worker === w && isHeartbeat(e.data)) this.lastHeard = performance.now();
    });
    this.worker = w;
    const remote = wrap<Api>(w);
    this.remote = remote;
    this.restoring = restart && this.restores.size > 0
      ? Promise.all([...this.restores.values()].map((r) => r(remote).catch(() => undefined))).then(() => undefined)
      : undefined;
    return remote;
  }

  /**
   * Registers (under `key`, replacing an earlier one) a call that rebuilds the worker's state: it runs
   * first on every fresh worker after a restart, before the call that started it.
   */
  addRestore(key: string, restore: ((api: Remote<Api>) => Promise<unknown>) | null): void {
    if (restore) this.restores.set(key, restore);
    else this.restores.delete(key);
  }

  /** Runs `fn` against the worker; retried on a fresh worker after a crash; rejects with CancelledError or WorkerCrashedError if cut short for good. */
  call<R>(fn: (api: Remote<Api>) => Promise<R>, options: CallOptions = {}): Promise<R> {
    const retries = options.retries ?? this.limits.retries;
    return new Promise<R>((resolve, reject) => {
      let attempt = 0;
      let generation = 0;
      const entry: Pending = {
        startedAt: 0,
        fail: (err, retryable) => {
          this.pending.delete(entry);
          generation++;
          if (retryable && attempt < retries) {
            attempt++;
            this.stats.retried++;
            queueMicrotask(run);
            return true;
          }
          reject(err);
          return false;
        },
      };
      const run = (): void => {
        const gen = generation;
        let api: Remote<Api>;
        try {
          api = this.ensure();
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        entry.startedAt = performance.now();
        this.pending.add(entry);
        this.startHeartbeat();
        const ready = this.restoring ?? Promise.resolve();
        ready.then(() => fn(api)).then(
          (v) => {
            if (gen !== generation) return;
            this.pending.delete(entry);
            this.stopHeartbeatIfIdle();
            resolve(v);
          },
          (err: unknown) => {
            if (gen !== generation) return;
            this.pending.delete(entry);
            this.stopHeartbeatIfIdle();
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      };
      run();
    });
  }

  private startHeartbeat(): void {
    if (this.beat !== undefined) return;
    this.lastHeard = performance.now();
    this.beat = setInterval(() => this.check(), this.limits.beatMs);
  }

  private stopHeartbeatIfIdle(): void {
    if (this.pending.size > 0 || this.beat === undefined) return;
    clearInterval(this.beat);
    this.beat = undefined;
  }

  /** One heartbeat: ask the worker, and judge silence and time limits. */
  private check(): void {
    const now = performance.now();
    if (!this.worker || this.pending.size === 0) {
      this.stopHeartbeatIfIdle();
      return;
    }
    if (now - this.lastHeard > this.limits.silenceMs) {
      this.crash(`no heartbeat for ${((now - this.lastHeard) / 1000).toFixed(1)} s (terminated or hung)`);
      return;
    }
    if (this.limits.jobLimitMs > 0) {
      for (const p of this.pending) {
        if (now - p.startedAt > this.limits.jobLimitMs) {
          this.crash(`a call ran over its time limit of ${(this.limits.jobLimitMs / 1000).toFixed(0)} s`);
          return;
        }
      }
    }
    try {
      this.worker.postMessage({ [HEARTBEAT_KEY]: ++this.seq });
    } catch {
      // a worker that cannot take a message is as good as dead: the silence check will say so
    }
  }

  /** Terminates the worker; each pending call is retried (if it may be) or rejected. Returns whether any call failed for good. */
  private stop(err: Error, retryable: boolean): boolean {
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
    this.restoring = undefined;
    const list = [...this.pending];
    this.pending.clear();
    if (this.beat !== undefined) {
      clearInterval(this.beat);
      this.beat = undefined;
    }
    let failed = list.length === 0;
    for (const p of list) if (!p.fail(err, retryable)) failed = true;
    return failed;
  }

  /** Stops whatever the worker is doing (by terminating it) and ends every call at once; it restarts on the next call. */
  cancel(): void {
    this.stop(new CancelledError(this.name), false);
  }

  private crash(message: string): void {
    this.stats.crashes++;
    this.stats.lastCrash = message;
    const failed = this.stop(new WorkerCrashedError(`${this.name}: ${message}`), true);
    if (!failed) return; // every call goes on, on a fresh worker
    this.events.onCrash?.(this.name, message);
    for (const l of this.crashListeners) l(this.name, message);
  }

  /**
   * Starts later workers from `create` instead: a variant of the same worker with a superset of its API
   * (the test hooks' self-test worker, src/sim-client/selfTest.ts). A worker already running is stopped
   * first, its calls rejected as cancelled.
   */
  startWith(create: () => Worker): void {
    if (this.worker) this.cancel();
    this.create = create;
  }

  /** Another party to tell when the worker dies (a worker shared by several clients); returns the unsubscribe. */
  onCrash(listener: NonNullable<BridgeEvents['onCrash']>): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  dispose(): void {
    this.cancel();
  }
}
