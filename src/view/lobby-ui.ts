import type { InvitationLookup } from '../net/games-list.js';
import { DEFAULT_GAME_NAME, type GameInvitation, type GameListing } from '../protocol/lobby-game.js';
import { DEFAULT_VARIANT } from '../protocol/variant-id.js';
import { element } from './dom.js';
import { gamesListView } from './games-list-view.js';
import { homeForm, nameInput, type HomeActions, type VariantChoice } from './home-form.js';
import { qrSvg } from './qr-svg.js';

/**
 * The HTML around the game: start page (host options, quick join, public list), invite page,
 * status bar and messages. Everything a person typed or a peer sent is inserted with
 * `textContent`, never as HTML.
 */
export interface LobbyUi {
  /** Shows the start page; returns the function that refreshes its public games list. */
  showHome(defaultName: string, actions: HomeActions): (games: readonly GameListing[] | string) => void;
  /**
   * The invite page; with `spectate` it offers to watch instead of to play. Returns the function
   * that names the game once the lobby answered (or says it is gone).
   */
  showInvite(code: string, defaultName: string, onJoin: (name: string) => void, spectate?: boolean): (lookup: InvitationLookup) => void;
  /** Replaces the form with the invite bar, game status and `details` (members), above the arena. */
  showGame(invite: string, details: HTMLElement): void;
  setStatus(text: string): void;
  /** A warning under the invite bar while the game goes on (e.g. a player we cannot reach). */
  showNotice(text: string): void;
  showMessage(text: string): void;
}

const NAME_KEY = 'hostmesh.name';

/** The name this browser used last time, so a returning player does not retype it. */
export function rememberedName(storage: Storage): string {
  return storage.getItem(NAME_KEY) ?? '';
}

/** Saves the name for next time (see `rememberedName`). */
export function rememberName(storage: Storage, name: string): void {
  storage.setItem(NAME_KEY, name);
}

function inviteForm(defaultName: string, onSubmit: (name: string) => void, label: string): HTMLFormElement {
  const input = nameInput(defaultName);
  const submit = element('button', { id: 'submit', textContent: label });
  submit.type = 'submit';
  const form = element('form', { className: 'name-form' }, element('label', { textContent: 'Name' }, input), submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    onSubmit(input.value);
  });
  return form;
}

async function copyText(text: string, field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field.select();
    return false;
  }
}

/**
 * The invite link as a QR code, for a friend's phone across the room; folded away until opened.
 * The encoder is loaded when the box is first opened: most players never do, and the page's
 * first script should not carry it.
 */
function inviteQr(invite: string): HTMLElement {
  const box = element('details', { id: 'invite-qr' }, element('summary', { textContent: 'QR code for phones' }));
  const draw = (): void => {
    box.removeEventListener('toggle', draw);
    import('../qr/qr-encode.js')
      .then(({ encodeQr }) => {
        const code = encodeQr(invite);
        box.append(code.ok ? qrSvg(code.value, `QR code of ${invite}`) : element('span', { textContent: code.reason }));
      })
      .catch(() => box.append(element('span', { textContent: 'The QR code could not be loaded: copy the link instead.' })));
  };
  box.addEventListener('toggle', draw);
  return box;
}

/**
 * Shows the arena (with its HUD, when the page has one) on the whole screen; hidden where the
 * browser cannot (an iPhone's Safari has no element fullscreen).
 */
function fullscreenButton(page: Document): HTMLButtonElement {
  const toggle = element('button', { id: 'fullscreen', textContent: 'Fullscreen' });
  toggle.type = 'button';
  toggle.hidden = !page.fullscreenEnabled;
  toggle.addEventListener('click', () => {
    const target = page.querySelector('.play') ?? page.getElementById('arena');
    if (page.fullscreenElement) void page.exitFullscreen();
    else void target?.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
  });
  return toggle;
}

/**
 * How the page names a game's variant to players: its label, unless it is the default (the first,
 * what a game without a choice runs), which goes without saying. An id this page does not know is
 * shown as it is (the host runs another build; entering will say so).
 */
export function variantLabel(variants: readonly VariantChoice[], id: string): string | undefined {
  if (id === DEFAULT_VARIANT || id === variants[0]?.id) return undefined;
  return variants.find((variant) => variant.id === id)?.label ?? id;
}

/** "Ann invites you to play Zap Arena (Large arena), “Friday”: 2 of 8 players, waiting to start." */
function describeInvitation(gameTitle: string, game: GameInvitation, spectate: boolean, variant: string | undefined): string {
  const state = game.locked ? 'locked by the host: only its players can come back' : game.status === 'playing' ? 'playing now' : 'waiting to start';
  const seats = `${game.players} of ${game.maxPlayers} players${game.spectators > 0 ? `, ${game.spectators} watching` : ''}`;
  const named = game.gameName === DEFAULT_GAME_NAME ? '' : `, “${game.gameName}”`;
  const version = variant === undefined ? '' : ` (${variant})`;
  return `${game.hostName} invites you to ${spectate ? 'watch' : 'play'} ${gameTitle}${version}${named}: ${seats}, ${state}.`;
}

/**
 * Builds the UI of the game called `gameTitle`, offered in `variants`, inside `root`, replacing
 * its content on every screen change.
 */
export function createLobbyUi(root: HTMLElement, gameTitle: string, variants: readonly VariantChoice[]): LobbyUi {
  let status: HTMLElement | undefined;
  let notice: HTMLElement | undefined;
  const screen = (...children: Node[]): void => {
    root.replaceChildren(...children);
    root.ownerDocument.body.classList.remove('in-game');
    status = undefined;
  };
  const title = (): HTMLElement => element('h1', { textContent: gameTitle });
  const showMessage = (text: string): void => {
    const back = element('a', { textContent: 'Back to the start page' });
    back.href = '/';
    screen(title(), element('p', { id: 'message', textContent: text }), back);
  };
  return {
    showHome(defaultName, actions) {
      const form = homeForm(defaultName, actions, variants);
      const list = gamesListView((id) => variantLabel(variants, id), (code) => {
        const name = form.querySelector<HTMLInputElement>('#name')?.value ?? defaultName;
        actions.joinByCode(name, code);
      });
      screen(title(), element('p', { textContent: 'Host a game, send the link to friends, play in the browser.' }), form, list.root);
      return (games) => list.update(games);
    },
    showInvite(code, defaultName, onJoin, spectate = false) {
      const invitation = element('p', { id: 'invitation', textContent: `You are invited to ${spectate ? 'watch ' : ''}game ${code}.` });
      screen(title(), invitation, inviteForm(defaultName, onJoin, spectate ? 'Watch game' : 'Join game'));
      return (lookup) => {
        if (!invitation.isConnected) return; // the player already went on (joined, or left the page)
        if (lookup.kind === 'no-game') showMessage(`There is no game ${code}: it has ended, or the link is mistyped. Ask your friend for a new link, or host a game yourself.`);
        if (lookup.kind === 'game') invitation.textContent = describeInvitation(gameTitle, lookup.game, spectate, variantLabel(variants, lookup.game.variant));
      };
    },
    showGame(invite, details) {
      const field = element('input', { id: 'invite-link' });
      field.readOnly = true;
      field.value = invite;
      const copy = element('button', { id: 'copy-invite', textContent: 'Copy' });
      copy.addEventListener('click', () => {
        void copyText(invite, field).then((copied) => {
          copy.textContent = copied ? 'Copied!' : 'Press Ctrl+C';
        });
      });
      status = element('span', { id: 'status', textContent: 'Connecting…' });
      notice = element('p', { id: 'notice', className: 'notice' });
      notice.hidden = true;
      // The sidebar (QR code, members, chat, voice) sits beside the arena; page.css lays it out.
      details.classList.add('sidebar');
      details.prepend(inviteQr(invite));
      const bar = element('div', { className: 'bar' }, element('span', { textContent: 'Invite link' }), field, copy, fullscreenButton(root.ownerDocument), status);
      root.replaceChildren(bar, notice, details);
      root.ownerDocument.body.classList.add('in-game');
    },
    showNotice(text) {
      if (!notice) return;
      notice.textContent = text;
      notice.hidden = false;
    },
    setStatus(text) {
      if (status) status.textContent = text;
    },
    showMessage,
  };
}
