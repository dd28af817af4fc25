// When to run a diagnosis, per module root: a burst of saves becomes one run (debounce), a new run
// cancels the one in progress, and a root never has two runs at once (the next waits for the
// cancelled one to be gone, processes included). No vscode here: the editor glue and the
// benchmarks drive the same class.

export type RunTask = (root: string, signal: AbortSignal) => Promise<void>;

/** The editor's debounce: saves (and other requests) of one root within this window become one run. */
export const SAVE_DEBOUNCE_MS = 400;

interface RootState {
  timer: NodeJS.Timeout | undefined;
  controller: AbortController | undefined;
  running: Promise<void> | undefined;
}

export class RunScheduler {
  private readonly roots = new Map<string, RootState>();
  private disposed = false;
  private idleWaiters: (() => void)[] = [];
  /** How many runs were started, for tests and benchmarks. */
  runsStarted = 0;

  constructor(
    private readonly task: RunTask,
    private readonly debounceMs: number,
  ) {}

  private state(root: string): RootState {
    let state = this.roots.get(root);
    if (!state) {
      state = { timer: undefined, controller: undefined, running: undefined };
      this.roots.set(root, state);
    }
    return state;
  }

  /** Asks for a run soon; requests within the debounce window collapse into one. */
  request(root: string): void {
    if (this.disposed) return;
    const state = this.state(root);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.runNow(root);
    }, this.debounceMs);
    // Saves come in bursts while the user types: do not keep a process alive just for a timer.
    state.timer.unref?.();
  }

  /** Starts a run now, cancelling (and waiting out) the one in progress. */
  async runNow(root: string): Promise<void> {
    if (this.disposed) return;
    const state = this.state(root);
    clearTimeout(state.timer);
    state.timer = undefined;
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    const previous = state.running;
    const current = (async () => {
      await previous?.catch(() => undefined);
      // A newer request may have superseded this one while the old run was being stopped.
      if (controller.signal.aborted || this.disposed) return;
      this.runsStarted++;
      await this.task(root, controller.signal);
    })();
    state.running = current;
    try {
      await current;
    } finally {
      if (state.running === current) {
        state.running = undefined;
        state.controller = undefined;
      }
      this.notifyIfIdle();
    }
  }

  cancel(root: string): void {
    const state = this.roots.get(root);
    if (!state) return;
    clearTimeout(state.timer);
    state.timer = undefined;
    state.controller?.abort();
    this.notifyIfIdle();
  }

  isBusy(root: string): boolean {
    const state = this.roots.get(root);
    return state !== undefined && (state.timer !== undefined || state.running !== undefined);
  }

  private get busy(): boolean {
    return [...this.roots.values()].some((state) => state.running !== undefined || state.timer !== undefined);
  }

  private notifyIfIdle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves when no run is pending or in progress for any root. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    for (const root of this.roots.keys()) this.cancel(root);
    this.notifyIfIdle();
  }
}
