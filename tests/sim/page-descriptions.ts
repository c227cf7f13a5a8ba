import type { TagWorld } from '../../src/games/tag/world.js';
import type { Match } from '../../src/session/match.js';

/** Names a peer id by its player's name, for traces and failure messages. */
export type NameOf = (peerId: string) => string;

/** Where every page's state machine is: phase, status, the reign it follows, whom it waits for over which links. */
export function describeReigns(pages: readonly Match<TagWorld>[], nameOf: NameOf): string {
  return pages
    .map((page) => {
      const waiting = page.phase === 'joining' || page.phase === 'migrating';
      const links = page.peerLinks.openLinks().map((link) => nameOf(link.remoteId)).join(',');
      const awaited = waiting ? `(awaits ${nameOf(page.awaitedHost ?? '-')}; links ${links})` : '';
      return `${nameOf(page.selfId)}:${page.phase}/${page.status}→${nameOf(page.hostClaim.hostId)}@${page.hostClaim.epoch}${page.lobbyRoom.spectator ? '(spectator)' : ''}${awaited}`;
    })
    .join(' ');
}

/** Every page's roster, entities (slot, x, score) and replication counters, for failure messages. */
export function describeWorlds(pages: readonly Match<TagWorld>[], nameOf: NameOf): string {
  return pages
    .map((page) => {
      const roster = JSON.stringify(page.roster().map((entry) => [entry.slot, nameOf(entry.peerId)]));
      const entities = JSON.stringify(page.entities().map((entity) => [entity.id, Math.round(entity.x), entity['itSeconds']]));
      return `${nameOf(page.selfId)}: roster ${roster} entities ${entities} stats ${JSON.stringify(page.replicationStats)}`;
    })
    .join(' | ');
}
