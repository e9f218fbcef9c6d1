import { sleep } from './retry-policy.ts';

interface HostState {
  active: number;
  waiting: Array<() => void>;
  nextStartAt: number;
}

/**
 * Politeness towards other people's servers: at most `concurrency` requests per host at once, and
 * starts at least `delayMs` apart.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly concurrency: number;
  private readonly delayMs: number;

  constructor(options: { concurrency?: number; delayMs?: number } = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.delayMs = Math.max(0, options.delayMs ?? 1000);
  }

  async run<T>(host: string, work: () => Promise<T>): Promise<T> {
    const state = this.state(host);
    if (state.active >= this.concurrency) await new Promise<void>((resolve) => state.waiting.push(resolve));
    else state.active += 1;
    const now = Date.now();
    const startAt = Math.max(now, state.nextStartAt);
    state.nextStartAt = startAt + this.delayMs;
    if (startAt > now) await sleep(startAt - now);
    try {
      return await work();
    } finally {
      const next = state.waiting.shift();
      // The slot passes straight to the next waiter; otherwise it frees.
      if (next) next();
      else state.active -= 1;
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, waiting: [], nextStartAt: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }
}
