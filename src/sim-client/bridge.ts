/**
 * A typed comlink bridge to one worker: lazy start, calls tracked so they can be cancelled, and
 * crash recovery — a worker that throws outside a call (or fails to load) is reported through
 * `onCrash`, terminated and started afresh on the next call; the calls it was running reject.
 */
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
  /** The worker died; it will be restarted on the next call. */
  onCrash?(worker: string, message: string): void;
}

interface Pending {
  reject(err: Error): void;
}

export class WorkerBridge<Api> {
  private worker: Worker | undefined;
  private remote: Remote<Api> | undefined;
  private readonly pending = new Set<Pending>();
  private readonly crashListeners = new Set<NonNullable<BridgeEvents['onCrash']>>();
  /** How many workers this bridge has started (1 + restarts). */
  starts = 0;

  constructor(
    readonly name: string,
    private create: () => Worker,
    private readonly events: BridgeEvents = {},
  ) {}

  get running(): number {
    return this.pending.size;
  }

  private ensure(): Remote<Api> {
    if (this.remote) return this.remote;
    const w = this.create();
    this.starts++;
    w.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(e.message || 'the worker failed');
    });
    w.addEventListener('messageerror', () => this.crash('a message from the worker could not be read'));
    this.worker = w;
    this.remote = wrap<Api>(w);
    return this.remote;
  }

  /** Runs `fn` against the worker; rejects with CancelledError or WorkerCrashedError if cut short. */
  call<R>(fn: (api: Remote<Api>) => Promise<R>): Promise<R> {
    const api = this.ensure();
    return new Promise<R>((resolve, reject) => {
      const entry: Pending = { reject };
      this.pending.add(entry);
      fn(api).then(
        (v) => {
          this.pending.delete(entry);
          resolve(v);
        },
        (err: unknown) => {
          this.pending.delete(entry);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  private stop(err: Error): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
    const list = [...this.pending];
    this.pending.clear();
    for (const p of list) p.reject(err);
  }

  /** Stops whatever the worker is doing (by terminating it); it restarts on the next call. */
  cancel(): void {
    this.stop(new CancelledError(this.name));
  }

  private crash(message: string): void {
    this.stop(new WorkerCrashedError(`${this.name}: ${message}`));
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
