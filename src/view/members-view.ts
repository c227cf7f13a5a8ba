import type { LobbySession } from '../net/lobby-client.js';
import { button, element } from './dom.js';

/**
 * Who is in the game and who hosts, kept current from the lobby's events. The host also gets a
 * Kick button per member and a Lock toggle.
 */
export function membersView(lobby: LobbySession): HTMLElement {
  const root = element('section', { id: 'members' });
  const render = (): void => {
    const amHost = lobby.hostId === lobby.selfId;
    const everyone = [{ id: lobby.selfId, name: lobby.welcome.name }, ...lobby.members.values()];
    const rows = everyone.map((member) => {
      const flags = lobby.members.get(member.id) ?? { spectator: lobby.spectator, ready: lobby.ready };
      const tags = [
        member.id === lobby.hostId ? 'host' : '',
        member.id === lobby.selfId ? 'you' : '',
        flags.spectator ? 'watching' : '',
        flags.ready ? 'ready' : '',
      ].filter((tag) => tag !== '');
      const label = element('span', { className: 'member-name', textContent: member.name });
      const item = element('li', {}, label, element('span', { textContent: tags.length > 0 ? ` (${tags.join(', ')})` : '' }));
      if (amHost && member.id !== lobby.selfId) item.append(' ', button('Kick', () => lobby.kick(member.id)));
      return item;
    });
    const lock = button(lobby.locked ? 'Unlock game' : 'Lock game', () => lobby.lock(!lobby.locked), 'lock');
    lock.hidden = !amHost;
    root.replaceChildren(element('ul', {}, ...rows), element('div', { className: 'bar' }, ...waitingRoomButtons(lobby, amHost), lock));
  };
  for (const event of ['member-joined', 'member-left', 'host-changed', 'locked', 'ready-changed', 'reattached', 'started'] as const) lobby.events.on(event, render);
  render();
  return root;
}

/**
 * The waiting room's buttons until the game starts: Ready (players) and the host's Start, which
 * says how many players are ready. Starting does not wait for everyone: friends often do not
 * bother, and the host can see who did.
 */
function waitingRoomButtons(lobby: LobbySession, amHost: boolean): HTMLButtonElement[] {
  if (lobby.started) return [];
  const players = [...lobby.members.values()].filter((member) => !member.spectator);
  const readyCount = players.filter((member) => member.ready).length + (lobby.ready ? 1 : 0);
  const buttons: HTMLButtonElement[] = [];
  // The host says it is ready by starting; the others say so with Ready, and the host sees who did.
  if (!lobby.spectator && !amHost) buttons.push(button(lobby.ready ? 'Not ready' : 'Ready', () => lobby.setReady(!lobby.ready), 'ready'));
  if (amHost) buttons.push(button(`Start (${readyCount}/${players.length} ready)`, () => lobby.start(), 'start'));
  return buttons;
}
