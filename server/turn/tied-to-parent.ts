import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Readable } from 'node:stream';

/** Where `command` is: itself when it names a path, else the first executable of that name on `PATH`; undefined when there is none. */
export function findExecutable(command: string, searchPath = process.env['PATH'] ?? ''): string | undefined {
  const candidates = command.includes('/') ? [command] : searchPath.split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, command));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Spawns a helper (its output piped) that dies with this process, also when this process is
 * killed with SIGKILL, which runs no exit handler: util-linux's `setpriv --pdeathsig KILL` has the
 * kernel kill the helper when its parent dies, then runs it in its own place (same pid). Where
 * setpriv is missing (not Linux), a plain spawn: a parent killed with SIGKILL then leaves the
 * helper running.
 */
export function spawnTiedToParent(executable: string, args: readonly string[]): ChildProcessByStdio<null, Readable, Readable> {
  const setpriv = findExecutable('setpriv');
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  return setpriv === undefined ? spawn(executable, args, { stdio }) : spawn(setpriv, ['--pdeathsig', 'KILL', '--', executable, ...args], { stdio });
}
