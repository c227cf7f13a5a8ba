import { MAX_GAME_NAME, type GameSettings } from '../protocol/lobby-game.js';
import { DEFAULT_MAX_PLAYERS, MIN_PLAYERS } from '../protocol/player-count.js';
import { MAX_DISPLAY_NAME } from '../protocol/lobby-messages.js';
import { button, element, field } from './dom.js';

/** What the start page can ask for. Names are cleaned again by the lobby; this only collects them. */
export interface HomeActions {
  host(name: string, settings: GameSettings): void;
  quickJoin(name: string): void;
  joinByCode(name: string, code: string): void;
}

/** The player's name input, shared by the start page and the invite page. */
export function nameInput(defaultName: string): HTMLInputElement {
  const input = element('input', { id: 'name' });
  input.maxLength = MAX_DISPLAY_NAME;
  input.placeholder = 'Your name';
  input.value = defaultName;
  input.setAttribute('autocomplete', 'nickname');
  return input;
}

/** 2 up to the game's own maximum; 8 (or fewer, if that is the game's maximum) preselected. */
function maxPlayersSelect(gameMaxPlayers: number): HTMLSelectElement {
  const select = element('select', { id: 'max-players' });
  for (let count = MIN_PLAYERS; count <= gameMaxPlayers; count += 1) {
    select.append(element('option', { textContent: String(count) }));
  }
  select.value = String(Math.min(DEFAULT_MAX_PLAYERS, gameMaxPlayers));
  return select;
}

/**
 * The start page's controls: name; host a game (name, public or private, max players); quick
 * join; join by code. Every button disables the form once pressed, so one click is one request.
 */
export function homeForm(defaultName: string, actions: HomeActions, gameMaxPlayers: number): HTMLElement {
  const name = nameInput(defaultName);
  const gameName = element('input', { id: 'game-name' });
  gameName.maxLength = MAX_GAME_NAME;
  gameName.placeholder = 'Game name';
  const isPublic = element('input', { id: 'public' });
  isPublic.type = 'checkbox';
  const maxPlayers = maxPlayersSelect(gameMaxPlayers);
  const code = element('input', { id: 'code' });
  code.placeholder = 'Invite code';
  code.maxLength = 12;
  const form = element('form', { className: 'name-form' });
  const once = (run: () => void) => () => {
    for (const control of form.querySelectorAll('button')) control.disabled = true;
    run();
  };
  const host = once(() => actions.host(name.value, { gameName: gameName.value, isPublic: isPublic.checked, maxPlayers: Number(maxPlayers.value) }));
  const submit = element('button', { id: 'submit', textContent: 'Host game' });
  submit.type = 'submit';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    host();
  });
  form.append(
    field('Name', name),
    field('Game name', gameName),
    field('Public', isPublic),
    field('Max players', maxPlayers),
    submit,
    button('Quick join', once(() => actions.quickJoin(name.value)), 'quick-join'),
    field('Code', code),
    button('Join by code', once(() => actions.joinByCode(name.value, code.value)), 'join-code'),
  );
  return form;
}
