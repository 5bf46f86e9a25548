/**
 * Runs `step` until stopped: again at once while it reports more work, otherwise after
 * `intervalMs`, backing off exponentially (up to `maxBackoffMs`) while it throws. `nudge()` cuts
 * the wait short — also when it comes while a step is running, so a commit made during a step is
 * never left waiting for the next interval.
 */
export class PollingLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudged = false;

  constructor(
    private readonly options: {
      intervalMs: number;
      maxBackoffMs?: number;
      /** Does one round of work; resolves true when there is more waiting. */
      step: () => Promise<boolean>;
      onError: (err: unknown, failures: number) => void;
    },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  nudge(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.nudged = false;
      let more = false;
      try {
        more = await this.options.step();
        failures = 0;
      } catch (err) {
        failures++;
        this.options.onError(err, failures);
      }
      if (!this.running || (more && failures === 0) || this.nudged) continue;
      const delay = failures ? Math.min(this.options.intervalMs * 2 ** failures, this.options.maxBackoffMs ?? 10_000) : this.options.intervalMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
