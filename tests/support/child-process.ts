import type { ChildProcess } from 'node:child_process';

/** Makes sure a child process started by a test never outlives the test process. */
export function killWithParent(child: ChildProcess): void {
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
}
