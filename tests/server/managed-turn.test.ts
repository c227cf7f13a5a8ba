import wrtc from '@roamhq/wrtc';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IceServerConfig } from '../../src/protocol/lobby-messages.js';
import { LobbySession } from '../../src/net/lobby-client.js';
import { waitForStunAnswer } from '../../server/turn/stun-ping.js';
import { expectOk } from '../support/expect-ok.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { freePort } from '../support/redis-process.js';
import { present, waitFor } from '../support/wait.js';
import { wrtcPair } from '../support/wrtc-pair.js';

/** The relay candidates a relay-only peer gathers with `server`: each one is an allocation coturn granted. */
async function relayCandidates(server: IceServerConfig): Promise<string[]> {
  const peer = new wrtc.RTCPeerConnection({ iceServers: [{ ...server, urls: [server.urls].flat() }], iceTransportPolicy: 'relay' });
  const candidates: string[] = [];
  peer.onicecandidate = ({ candidate }) => {
    if (candidate) candidates.push(candidate.candidate);
  };
  try {
    peer.createDataChannel('probe');
    await peer.setLocalDescription(await peer.createOffer());
    await waitFor('ICE gathering to finish', () => peer.iceGatheringState === 'complete', 10_000);
  } finally {
    peer.close();
  }
  return candidates.filter((candidate) => candidate.includes(' typ relay'));
}

/** Whether process `pid` runs; only a real pid (`kill` with 0 or −1 would address a whole group, or every process). */
function isRunning(pid: number): boolean {
  if (!(pid > 0)) throw new Error(`not a process id: ${pid}`);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids coturn ran under, from the lobby's "running" log lines, oldest first. */
function coturnPids(lobby: LobbyProcess): number[] {
  return [...lobby.output().matchAll(/"pid":(\d+),"port":\d+,"msg":"managed TURN relay \(coturn\) running"/g)].map((match) => Number(match[1]));
}

/** The pid of the lobby's first coturn; a clear failure when the lobby did not log one. */
function firstCoturnPid(lobby: LobbyProcess): number {
  const [pid] = coturnPids(lobby);
  if (pid === undefined || !(pid > 0)) throw new Error(`the lobby logged no coturn pid:\n${lobby.output()}`);
  return pid;
}

describe('TURN=managed: the production server runs Debian\'s coturn itself', () => {
  let lobby: LobbyProcess | undefined;
  let turnPort = 0;

  beforeAll(async () => {
    turnPort = await freePort();
    lobby = await startLobbyProcess({ TURN: 'managed', TURN_PORT: String(turnPort), STUN_PORT: 'off', LOG_LEVEL: 'debug' });
  });

  afterAll(async () => {
    await lobby?.stop();
  });

  async function turnServerOfNewMember(): Promise<IceServerConfig> {
    const session = expectOk(await LobbySession.host(present(lobby, 'lobby').origin.replace('http:', 'ws:'), 'Ann'));
    try {
      return present(session.iceServers.find((server) => [server.urls].flat().some((url) => url.startsWith('turn:'))), 'a TURN server');
    } finally {
      await session.leave();
    }
  }

  it('names its relay (UDP and TCP) by the host the page came from, with a credential coturn grants relays for', async () => {
    // The log line may reach the pipe after the banner (the logger writes asynchronously).
    await waitFor('the relay to be logged', () => coturnPids(present(lobby, 'lobby')).length === 1);
    expect(present(lobby, 'lobby').output()).toContain(`TURN relay (coturn, pid ${coturnPids(present(lobby, 'lobby'))[0]}) on UDP and TCP port ${turnPort}`);
    const turn = await turnServerOfNewMember();
    const [udp = '', tcp = ''] = [turn.urls].flat();
    expect([udp, tcp]).toEqual([`turn:127.0.0.1:${turnPort}?transport=udp`, `turn:127.0.0.1:${turnPort}?transport=tcp`]);
    for (const url of [udp, tcp]) {
      const relays = await relayCandidates({ ...turn, urls: url });
      console.log(`managed TURN, ${url}: ${relays.length} relay candidate(s)`);
      expect(relays.length).toBeGreaterThan(0);
    }
    const forged = await relayCandidates({ ...turn, urls: udp, credential: 'not-what-the-lobby-minted' });
    expect(forged).toEqual([]);
  });

  /**
   * The same pair connects through a coturn started with `allow-loopback-peers`
   * (tests/net/turn-relay.test.ts); the managed one denies loopback peers, as every address of
   * its own machine and networks (RELAY_POLICY).
   */
  it('never relays into its own machine: two peers on loopback cannot reach each other through it', async () => {
    const turn = await turnServerOfNewMember();
    // ICE gives up within a few seconds once both relay addresses are known; the generous connect
    // timeout only keeps a loaded CI machine (coturn slow to allocate) from ending the attempt
    // before the relay addresses arrive, which would test nothing about the relay.
    const [a, b] = wrtcPair({ iceTransportPolicy: 'relay', iceServers: [turn], connectTimeoutMs: 15_000 });
    const reasons: string[] = [];
    a.events.on('close', ({ reason }) => reasons.push(reason));
    try {
      await waitFor('the relayed link to give up', () => reasons.length > 0, 40_000);
    } finally {
      a.close();
      b.close();
    }
    expect(a.state).not.toBe('open');
    expect(reasons[0]).toMatch(/could not connect|failed|timed out/i);
    // coturn's own log, passed on at debug level, says why: the peer address is forbidden.
    console.log(`relay-only link between two loopback peers: ${reasons[0]}`);
  }, 45_000);

  it('refuses to start a second relay on the same port (coturn itself would share it and scramble both)', async () => {
    await expect(startLobbyProcess({ TURN: 'managed', TURN_PORT: String(turnPort), STUN_PORT: 'off' })).rejects.toThrow(`TCP port ${turnPort} is in use`);
  });

  it('restarts coturn when it dies, and stops it when the lobby stops', async () => {
    const running = present(lobby, 'lobby');
    const first = firstCoturnPid(running);
    expect(isRunning(first)).toBe(true);
    process.kill(first, 'SIGKILL');
    await waitFor('a new coturn', () => coturnPids(running).length === 2, 15_000);
    expect(running.output()).toContain('managed TURN relay (coturn) exited; restarting');
    const second = present(coturnPids(running)[1], 'the second coturn pid');
    expect(second).not.toBe(first);
    await waitForStunAnswer(turnPort, 5_000);
    expect(await relayCandidates(await turnServerOfNewMember())).not.toEqual([]);
    await running.stop();
    lobby = undefined;
    expect(isRunning(second)).toBe(false);
  });

  it('is ended with a lobby killed outright (SIGKILL: no shutdown code runs), so a restarted lobby finds its port free', async () => {
    const port = await freePort();
    // The crashed lobby cannot remove coturn's folder (config, pid file): it goes in one of the test's own.
    const scratch = await mkdtemp(join(tmpdir(), 'hostmesh-crash-'));
    const crashing = await startLobbyProcess({ TURN: 'managed', TURN_PORT: String(port), STUN_PORT: 'off', LOG_LEVEL: 'debug', TMPDIR: scratch });
    const coturn = firstCoturnPid(crashing);
    try {
      expect(isRunning(coturn)).toBe(true);
      await crashing.crash();
      await waitFor('coturn to end with its lobby', () => !isRunning(coturn), 5_000);
      const restarted = await startLobbyProcess({ TURN: 'managed', TURN_PORT: String(port), STUN_PORT: 'off', TMPDIR: scratch });
      await restarted.stop();
    } finally {
      if (isRunning(coturn)) process.kill(coturn, 'SIGKILL');
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
