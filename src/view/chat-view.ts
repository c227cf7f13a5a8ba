import type { ChatLine, ChatLog } from '../social/chat-log.js';
import { MAX_CHAT_TEXT_LENGTH } from '../social/chat-text.js';
import type { Result } from '../util/result.js';
import { element } from './dom.js';
import { isTyping } from './controls.js';

/** How many recent lines the chat box shows. */
const VISIBLE_LINES = 8;

function lineItem(line: ChatLine): HTMLLIElement {
  const time = new Date(line.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return element(
    'li',
    { className: line.isSelf ? 'chat-self' : '' },
    element('span', { className: 'chat-time', textContent: `${time} ` }),
    element('span', { className: 'chat-name', textContent: line.senderName }),
    element('span', { className: 'chat-text', textContent: `: ${line.text}` }),
  );
}

/**
 * The chat box: the last few lines and an input; Enter sends, Escape leaves the box, and Enter
 * anywhere else on the page jumps into it. Keys typed here never move the player (KeyboardInput
 * ignores text fields). Lines are inserted as text only, never as HTML.
 */
export function chatView(log: ChatLog, send: (text: string) => Result<unknown>, target: Window = window): { root: HTMLElement; dispose(): void } {
  const list = element('ol', { id: 'chat-lines' });
  const input = element('input', { id: 'chat-input' });
  input.placeholder = 'Chat: press Enter to type';
  input.autocomplete = 'off';
  // Characters, not UTF-16 units, are what the limit counts: allow room for emoji, validate on send.
  input.maxLength = MAX_CHAT_TEXT_LENGTH * 2;
  const error = element('span', { id: 'chat-error', className: 'chat-error' });
  const form = element('form', { className: 'chat-form' }, input, error);
  const render = (): void => list.replaceChildren(...log.lines(VISIBLE_LINES).map(lineItem));
  // Say it while typing, not after Enter: the line is refused, never clipped (see cleanChatText).
  input.addEventListener('input', () => {
    const length = Array.from(input.value.trim()).length;
    error.textContent = length > MAX_CHAT_TEXT_LENGTH ? `${length}/${MAX_CHAT_TEXT_LENGTH} characters: too long to send` : '';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const sent = send(input.value);
    error.textContent = sent.ok ? '' : sent.reason;
    if (sent.ok) input.value = '';
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') input.blur();
  });
  const jumpIn = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || isTyping(event.target) || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    input.focus();
  };
  target.addEventListener('keydown', jumpIn);
  const off = log.events.on('line', render);
  render();
  return {
    root: element('section', { id: 'chat' }, list, form),
    dispose: () => {
      off();
      target.removeEventListener('keydown', jumpIn);
    },
  };
}
