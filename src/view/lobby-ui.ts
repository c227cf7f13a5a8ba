/**
 * The HTML around the game: start page, invite page, status bar and messages. Everything a
 * person typed or a peer sent is inserted with `textContent`, never as HTML.
 */
export interface LobbyUi {
  showHome(defaultName: string, onHost: (name: string) => void): void;
  showInvite(code: string, defaultName: string, onJoin: (name: string) => void): void;
  /** Replaces the form with the invite bar and game status, above the arena. */
  showGame(invite: string): void;
  setStatus(text: string): void;
  showMessage(text: string): void;
}

const NAME_KEY = 'hostmesh.name';

/** The name this browser used last time, so a returning player does not retype it. */
export function rememberedName(storage: Storage): string {
  return storage.getItem(NAME_KEY) ?? '';
}

export function rememberName(storage: Storage, name: string): void {
  storage.setItem(NAME_KEY, name);
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Pick<HTMLElementTagNameMap[K], 'className' | 'textContent' | 'id'>> = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function nameForm(buttonLabel: string, defaultName: string, onSubmit: (name: string) => void): HTMLFormElement {
  const input = element('input', { id: 'name' });
  input.maxLength = 24;
  input.placeholder = 'Your name';
  input.value = defaultName;
  input.setAttribute('autocomplete', 'nickname');
  const button = element('button', { id: 'submit', textContent: buttonLabel });
  button.type = 'submit';
  const form = element('form', { className: 'name-form' }, element('label', { textContent: 'Name' }, input), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
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

/** Builds the UI inside `root`, replacing its content on every screen change. */
export function createLobbyUi(root: HTMLElement): LobbyUi {
  let status: HTMLElement | undefined;
  const screen = (...children: Node[]): void => {
    root.replaceChildren(...children);
    status = undefined;
  };
  return {
    showHome(defaultName, onHost) {
      screen(
        element('h1', { textContent: 'Hostmesh' }),
        element('p', { textContent: 'Host a game, send the link to friends, play in the browser.' }),
        nameForm('Host game', defaultName, onHost),
      );
    },
    showInvite(code, defaultName, onJoin) {
      screen(
        element('h1', { textContent: 'Hostmesh' }),
        element('p', { textContent: `You are invited to game ${code}.` }),
        nameForm('Join game', defaultName, onJoin),
      );
    },
    showGame(invite) {
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
      root.replaceChildren(
        element('div', { className: 'bar' }, element('span', { textContent: 'Invite link' }), field, copy, status),
      );
    },
    setStatus(text) {
      if (status) status.textContent = text;
    },
    showMessage(text) {
      const back = element('a', { textContent: 'Back to the start page' });
      back.href = '/';
      screen(element('h1', { textContent: 'Hostmesh' }), element('p', { id: 'message', textContent: text }), back);
    },
  };
}
