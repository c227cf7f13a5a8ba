import type { GameListing } from '../protocol/lobby-game.js';
import { button, element } from './dom.js';

/**
 * The live list of public games on the start page (`labelOf` names a game's variant, if the game has several). `update` replaces the rows (the page polls
 * the lobby); a string shows a problem instead of a stale list.
 */
export function gamesListView(labelOf: (variant: string) => string | undefined, onJoin: (code: string) => void): { readonly root: HTMLElement; update(games: readonly GameListing[] | string): void } {
  const body = element('tbody');
  const note = element('p', { id: 'games-note', textContent: 'Loading public games…' });
  const header = element('tr', {}, ...['Game', 'Host', 'Players', 'Status', ''].map((text) => element('th', { textContent: text })));
  const root = element('section', { id: 'games' }, element('h2', { textContent: 'Public games' }), note, element('table', {}, element('thead', {}, header), body));
  return {
    root,
    update(games) {
      if (typeof games === 'string') {
        note.textContent = games;
        return;
      }
      note.textContent = games.length === 0 ? 'No public games right now: host one!' : '';
      body.replaceChildren(
        ...games.map((game) => {
          const join = button('Join', () => onJoin(game.code));
          join.disabled = game.players >= game.maxPlayers;
          const watching = game.spectators > 0 ? ` (+${game.spectators} watching)` : '';
          const version = labelOf(game.variant);
          const cells = [version === undefined ? game.gameName : `${game.gameName} (${version})`, game.hostName, `${game.players}/${game.maxPlayers}${watching}`, game.status];
          return element('tr', { className: 'game' }, ...cells.map((text) => element('td', { textContent: text })), element('td', {}, join));
        }),
      );
    },
  };
}
