import { MAX_GAME_NAME, type GameSettings } from '../protocol/lobby-game.js';
import { DEFAULT_MAX_PLAYERS, MIN_PLAYERS } from '../protocol/player-count.js';
import { MAX_DISPLAY_NAME } from '../protocol/lobby-messages.js';
import { DEFAULT_VARIANT } from '../protocol/variant-id.js';
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

/**
 * One version of the game the host may choose (see GameVariant): its lobby id, its label, and how
 * many players it holds.
 */
export interface VariantChoice {
  readonly id: string;
  readonly label: string;
  readonly maxPlayers: number;
}

/** Offers 2 up to `most` players, keeping the current choice when it still fits; 8 (or `most`) at first. */
function offerPlayerCounts(select: HTMLSelectElement, most: number): void {
  const kept = select.value === '' ? DEFAULT_MAX_PLAYERS : Number(select.value);
  select.replaceChildren();
  for (let count = MIN_PLAYERS; count <= most; count += 1) {
    select.append(element('option', { textContent: String(count) }));
  }
  select.value = String(Math.min(kept, most));
}

/** The variant select, shown only when the game has more than one; its choice sets the players' maximum. */
function variantSelect(variants: readonly VariantChoice[], maxPlayers: HTMLSelectElement): { readonly control: HTMLSelectElement; chosen(): VariantChoice | undefined } {
  const control = element('select', { id: 'variant' });
  for (const { id, label } of variants) {
    const option = element('option', { textContent: label });
    option.value = id;
    control.append(option);
  }
  const chosen = (): VariantChoice | undefined => variants.find((variant) => variant.id === control.value) ?? variants[0];
  const follow = (): void => offerPlayerCounts(maxPlayers, chosen()?.maxPlayers ?? DEFAULT_MAX_PLAYERS);
  control.addEventListener('change', follow);
  follow();
  return { control, chosen };
}

/**
 * The start page's controls: name; host a game (name, public or private, the game's variant when
 * it has several, max players); quick join; join by code. Every button disables the form once
 * pressed, so one click is one request.
 */
export function homeForm(defaultName: string, actions: HomeActions, variants: readonly VariantChoice[]): HTMLElement {
  const name = nameInput(defaultName);
  const gameName = element('input', { id: 'game-name' });
  gameName.maxLength = MAX_GAME_NAME;
  gameName.placeholder = 'Game name';
  const isPublic = element('input', { id: 'public' });
  isPublic.type = 'checkbox';
  const maxPlayers = element('select', { id: 'max-players' });
  const variant = variantSelect(variants, maxPlayers);
  const code = element('input', { id: 'code' });
  code.placeholder = 'Invite code';
  code.maxLength = 12;
  const form = element('form', { className: 'name-form' });
  const once = (run: () => void) => () => {
    for (const control of form.querySelectorAll('button')) control.disabled = true;
    run();
  };
  const host = once(() => actions.host(name.value, { gameName: gameName.value, isPublic: isPublic.checked, maxPlayers: Number(maxPlayers.value), variant: variant.chosen()?.id ?? DEFAULT_VARIANT }));
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
    ...(variants.length > 1 ? [field('Version', variant.control)] : []),
    field('Max players', maxPlayers),
    submit,
    button('Quick join', once(() => actions.quickJoin(name.value)), 'quick-join'),
    field('Code', code),
    button('Join by code', once(() => actions.joinByCode(name.value, code.value)), 'join-code'),
  );
  return form;
}
