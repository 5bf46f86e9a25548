import { PollingLoop } from '@stancewatch/platform/polling-loop';

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('PollingLoop', () => {
  it('runs again at once while there is more work, then waits for the interval', async () => {
    let calls = 0;
    const loop = new PollingLoop({ intervalMs: 60_000, step: async () => ++calls < 3, onError: () => undefined });
    loop.start();
    await until(() => calls >= 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(3);
    await loop.stop();
  });

  it('wakes on a nudge, including one that arrives while a step is running', async () => {
    let calls = 0;
    let loop!: PollingLoop;
    loop = new PollingLoop({
      intervalMs: 60_000,
      step: async () => {
        calls++;
        if (calls === 1) loop.nudge();
        return false;
      },
      onError: () => undefined,
    });
    loop.start();
    await until(() => calls >= 2);
    expect(calls).toBe(2);
    loop.nudge();
    await until(() => calls >= 3);
    expect(calls).toBe(3);
    await loop.stop();
  });

  it('reports failures with their count and keeps going', async () => {
    const failures: number[] = [];
    let calls = 0;
    const loop = new PollingLoop({
      intervalMs: 1,
      step: async () => {
        if (++calls <= 2) throw new Error('down');
        return false;
      },
      onError: (_err, n) => failures.push(n),
    });
    loop.start();
    await until(() => calls >= 3);
    await loop.stop();
    expect(failures).toEqual([1, 2]);
  });
});
