import type { Presence } from '@colyseus/core';

/** Heartbeat period and how long a heartbeat stays valid: a dead process drops out within ~3 s. */
const BEAT_MS = 1_000;
const TTL_SECONDS = 3;
const key = (processId: string): string => `hostmesh:alive:${processId}`;

/**
 * Each lobby process keeps a short-lived key alive in the shared presence. A process that was
 * killed (SIGKILL, power loss) cannot unregister its rooms, so the public list hides rooms of
 * processes whose key has expired. The TTL is enforced by Redis itself, so clocks of different
 * machines need not agree.
 */
export function startHeartbeat(presence: Presence, processId: string): () => void {
  const beat = (): void => {
    void Promise.resolve(presence.setex(key(processId), '1', TTL_SECONDS)).catch(() => undefined);
  };
  beat();
  const timer = setInterval(beat, BEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    presence.del(key(processId));
  };
}

/** Which of these processes have beaten recently. */
export async function aliveProcesses(presence: Presence, processIds: Iterable<string>): Promise<Set<string>> {
  const unique = [...new Set(processIds)];
  const alive = await Promise.all(unique.map((id) => presence.exists(key(id))));
  return new Set(unique.filter((_, index) => alive[index]));
}
