// Bursts of saves become one run; a new run cancels the old; one run per root at a time.

import { strict as assert } from 'node:assert';
import { RunScheduler } from '../../src/engine/runScheduler';

/** A task that records what happened and finishes when told (or when cancelled). */
function controllableTask() {
  const log: string[] = [];
  const finishers = new Map<string, () => void>();
  let concurrent = 0;
  let maxConcurrent = 0;
  const started: ((root: string) => void)[] = [];
  const task = async (root: string, signal: AbortSignal) => {
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    log.push(`start ${root}`);
    for (const notify of started.splice(0)) notify(root);
    await new Promise<void>((resolve) => {
      finishers.set(root, resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    log.push(`${signal.aborted ? 'cancelled' : 'done'} ${root}`);
    concurrent--;
  };
  const nextStart = () => new Promise<string>((resolve) => started.push(resolve));
  return { task, log, finish: (root: string) => finishers.get(root)?.(), nextStart, maxConcurrent: () => maxConcurrent };
}

describe('RunScheduler', () => {
  it('turns a burst of 50 requests into one run', async () => {
    const control = controllableTask();
    const scheduler = new RunScheduler(control.task, 20);
    const started = control.nextStart();
    for (let index = 0; index < 50; index++) scheduler.request('/a');
    assert.equal(await started, '/a');
    control.finish('/a');
    await scheduler.idle();
    assert.equal(scheduler.runsStarted, 1);
    assert.deepEqual(control.log, ['start /a', 'done /a']);
  });

  it('cancels the run in progress when a new one is asked for, and never runs two at once', async () => {
    const control = controllableTask();
    const scheduler = new RunScheduler(control.task, 1);
    const first = control.nextStart();
    void scheduler.runNow('/a');
    await first;
    const second = control.nextStart();
    void scheduler.runNow('/a');
    await second;
    control.finish('/a');
    await scheduler.idle();
    assert.deepEqual(control.log, ['start /a', 'cancelled /a', 'start /a', 'done /a']);
    assert.equal(control.maxConcurrent(), 1);
  });

  it('runs different roots independently', async () => {
    const control = controllableTask();
    const scheduler = new RunScheduler(control.task, 1);
    const a = control.nextStart();
    void scheduler.runNow('/a');
    await a;
    const b = control.nextStart();
    void scheduler.runNow('/b');
    await b;
    control.finish('/a');
    control.finish('/b');
    await scheduler.idle();
    assert.deepEqual(control.log.sort(), ['done /a', 'done /b', 'start /a', 'start /b']);
  });

  it('cancels pending and running work on dispose, and starts nothing after', async () => {
    const control = controllableTask();
    const scheduler = new RunScheduler(control.task, 1);
    const first = control.nextStart();
    void scheduler.runNow('/a');
    await first;
    scheduler.request('/b');
    scheduler.dispose();
    await scheduler.idle();
    scheduler.request('/c');
    await scheduler.runNow('/d');
    assert.deepEqual(control.log, ['start /a', 'cancelled /a']);
  });
});
