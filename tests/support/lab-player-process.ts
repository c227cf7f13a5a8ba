/**
 * A player in the NAT lab, in a process of its own inside a home's network namespace. Hosts
 * (`host`) or joins (`join CODE`) a game on the lobby given as first argument, over real WebRTC
 * (@roamhq/wrtc) with the ICE servers the lobby hands out, walks left and right, and reports on
 * stdout, one JSON object per line (see LabReport in lab-players.ts). Run with `node --import tsx`.
 */
import wrtc from '@roamhq/wrtc';
import { Button } from '../../src/games/tag/input.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { PeerLink } from '../../src/net/peer-link.js';
import { SimplePeerLink } from '../../src/net/simple-peer-link.js';
import { Match, type LinkFactoryFor } from '../../src/session/match.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import type { LabReport } from './lab-players.js';

const [lobby = '', role = 'host', code = '', connectTimeout = '8000'] = process.argv.slice(2);
const startedAt = performance.now();
const report = (line: LabReport): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};
const elapsed = (): number => Math.round(performance.now() - startedAt);

/** The ICE servers the lobby gave this player (its own STUN server, TURN when configured). */
let iceServerUrls: string[] = [];

/** Every candidate is announced: the lab's interfaces lead nowhere but the lab. */
const labLinks: LinkFactoryFor = (iceServers) => {
  iceServerUrls = iceServers.flatMap((server) => [server.urls].flat());
  return (remoteId, initiator, sendSignal) => {
    const link: PeerLink = new SimplePeerLink({ remoteId, initiator, iceServers, sendSignal, wrtc, connectTimeoutMs: Number(connectTimeout) });
    link.events.on('open', () => {
      link.events.on('close', ({ reason }) => report({ event: 'link-closed', peer: remoteId, at: elapsed(), reason }));
      void link.selectedCandidatePair().then((pair) => report({ event: 'linked', peer: remoteId, at: elapsed(), local: pair?.local ?? 'unknown', remote: pair?.remote ?? 'unknown', relayProtocol: pair?.relayProtocol }));
    });
    return link;
  };
};

/** Left for a second, right for a second: a player who keeps moving, so others can see it move. */
const walk = (): number => (Math.floor(performance.now() / 1_000) % 2 === 0 ? Button.Left : Button.Right);

const options = {
  lobby,
  name: role === 'host' ? 'Host' : 'Guest',
  scheduler: systemScheduler,
  game: tagGame({ width: 960, height: 540 }),
  localInput: walk,
  linkFactory: labLinks,
};
const entered = role === 'host' ? await Match.host(options) : await Match.join(options, code);
if (!entered.ok) {
  report({ event: 'refused', reason: entered.reason });
  process.exit(1);
}
const match = entered.value;
report({ event: 'entered', at: elapsed(), code: match.code, self: match.selfId, iceServers: iceServerUrls });
match.events.on('peer-unreachable', ({ peerId, reason }) => report({ event: 'unreachable', peer: peerId, at: elapsed(), reason }));

/** Ten times a second: who hosts, in which epoch, and where every player is as this page draws it. */
setInterval(() => {
  const players = match.players().map(({ slot, peerId, x, y }) => ({ slot, peerId, x: Math.round(x), y: Math.round(y) }));
  const received = Object.fromEntries(match.linkStats().map((stats) => [stats.remoteId, stats.totals.messagesIn]));
  report({ event: 'state', at: elapsed(), status: match.status, host: match.hostClaim.hostId, epoch: match.hostClaim.epoch, players, received });
}, 100);
