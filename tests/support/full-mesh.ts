import { LobbySession } from '../../src/net/lobby-client.js';
import { Mesh } from '../../src/net/mesh.js';
import type { MonitorOptions } from '../../src/net/monitored-link.js';
import { expectOk } from './expect-ok.js';
import { waitFor } from './wait.js';
import { wrtcLinks } from './wrtc-links.js';

/** Time given to the native WebRTC threads to finish closing before a test process may exit. */
const NATIVE_SETTLE_MS = 500;

/** One peer of a test mesh: its lobby membership and its links. */
export interface Member {
  readonly session: LobbySession;
  readonly mesh: Mesh;
}

/** A mesh that is fully linked, with how long that took (the bench reports it). */
export interface FullMesh {
  readonly members: readonly Member[];
  /** Milliseconds from the first lobby request until every member had every link open. */
  readonly msToFullMesh: number;
  /** Closes every mesh and leaves the lobby room. */
  close(): Promise<void>;
}

/**
 * `size` Node peers (real WebRTC) join one room of the real lobby one after another, each
 * linking to everyone already there, and this resolves when every member has `size − 1` open
 * links: the full mesh the engine keeps for host migration.
 */
export async function joinFullMesh(lobbyUrl: string, size: number, monitor: MonitorOptions = {}): Promise<FullMesh> {
  const members: Member[] = [];
  const startedAt = performance.now();
  const join = async (name: string, code: string | undefined): Promise<Member> => {
    const session = expectOk(code === undefined ? await LobbySession.host(lobbyUrl, name) : await LobbySession.join(lobbyUrl, code, name));
    const mesh = new Mesh(session, wrtcLinks([]), monitor);
    mesh.start();
    return { session, mesh };
  };
  const close = async (): Promise<void> => {
    for (const member of members) member.mesh.close();
    await Promise.all(members.map((member) => member.session.leave()));
    // @roamhq/wrtc closes connections on its own threads; a process that exits while dozens are
    // still closing has been seen to crash (once in CI under load). Let them settle first.
    await new Promise((resolve) => setTimeout(resolve, NATIVE_SETTLE_MS));
  };
  try {
    const first = await join('peer-0', undefined);
    members.push(first);
    for (let index = 1; index < size; index += 1) members.push(await join(`peer-${index}`, first.session.welcome.code));
    await waitFor(`a full mesh of ${size}`, () => members.every((member) => member.mesh.openLinks().length === size - 1), 30_000);
  } catch (error: unknown) {
    await close();
    throw error;
  }
  return { members, msToFullMesh: performance.now() - startedAt, close };
}
