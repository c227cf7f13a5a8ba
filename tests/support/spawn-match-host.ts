import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ArenaSize } from '../../src/game/movement.js';
import { killWithParent } from './child-process.js';

const HOST_ENTRY = fileURLToPath(new URL('./match-host-process.ts', import.meta.url));

/** A hosting player in a child process: its invite code, and SIGKILL for a crash. */
export interface MatchHostProcess {
  readonly code: string;
  readonly pid: number;
  kill(): void;
}

/** Starts a host (of a Tag game for `maxPlayers`) in a child Node process and waits for its invite code. */
export async function spawnMatchHost(lobbyUrl: string, world: ArenaSize, maxPlayers = 8): Promise<MatchHostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOST_ENTRY, lobbyUrl, String(world.width), String(world.height), String(maxPlayers)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  killWithParent(child);
  const code = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('code ')) resolve(line.slice('code '.length));
    });
    child.once('exit', (status) => reject(new Error(`host process exited with ${status} before hosting`)));
  });
  return { code, pid: child.pid ?? -1, kill: () => child.kill('SIGKILL') };
}
