// mocha's spec reporter, plus two guards that keep a suite from hanging:
//   - a deadline for the whole run (reporter option `deadline=SECONDS`): when it passes, the run
//     ends with exit status 1 and names the test or hook it was waiting for;
//   - after the last test, a process that does not exit within `linger=SECONDS` (a lab server, a
//     socket or a child process left open, perhaps by a before-all hook that failed halfway) is
//     ended with exit status 1, naming what kept it alive and killing the processes it started.
// Both timers are unref'd: a run that ends normally never waits for them.
import { readFileSync, readdirSync } from 'node:fs';
import Mocha from 'mocha';

const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_HOOK_BEGIN, EVENT_TEST_BEGIN } = Mocha.Runner.constants;

class GuardedReporter extends Mocha.reporters.Spec {
  private current = 'the start of the run';

  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const reporterOptions = (options.reporterOptions ?? {}) as Record<string, string | undefined>;
    const deadlineSeconds = Number(process.env.GDH_SUITE_DEADLINE_SECONDS ?? reporterOptions.deadline ?? 1800);
    const lingerSeconds = Number(reporterOptions.linger ?? 10);
    runner.on(EVENT_HOOK_BEGIN, (hook: Mocha.Hook) => (this.current = `hook ${hook.fullTitle()}`));
    runner.on(EVENT_TEST_BEGIN, (test: Mocha.Test) => (this.current = `test ${test.fullTitle()}`));
    runner.once(EVENT_RUN_BEGIN, () => {
      setTimeout(() => {
        process.stderr.write(`\nsuite deadline: still running after ${deadlineSeconds} s, waiting for ${this.current}; ending the run.\n`);
        endNow(1);
      }, deadlineSeconds * 1000).unref();
    });
    runner.once(EVENT_RUN_END, () => {
      const failures = runner.failures;
      setTimeout(() => {
        process.stderr.write(
          `\nThe tests ended ${lingerSeconds} s ago, but the process did not exit: ${describeOpen()}. Something a test or hook started was not closed; ending the run.\n`,
        );
        endNow(1, failures);
      }, lingerSeconds * 1000).unref();
    });
  }
}

/** What keeps the event loop alive, and which child processes are still there. */
function describeOpen(): string {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const handles = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ') || 'no handle';
  const children = childProcesses().map((child) => `${child.pid} ${child.command}`);
  return `${handles}; child processes: ${children.length > 0 ? children.join('; ') : 'none'}`;
}

function childProcesses(): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      found.push({ pid: Number(name), command: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200) });
    } catch {
      // gone while we looked
    }
  }
  return found;
}

/** Kills the children (and their process groups: lab servers run detached) and exits. */
function endNow(code: number, failures = 0): void {
  for (const child of childProcesses()) {
    for (const target of [-child.pid, child.pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // not a group leader, or gone
      }
    }
  }
  const exitCode = Math.max(code, Math.min(failures, 255));
  // mocha's own 'exit' listener sets the exit code to the number of failures: have the last word.
  process.on('exit', () => (process.exitCode = exitCode));
  process.exit(exitCode);
}

export = GuardedReporter;
