import type { VoiceChat } from '../social/voice-chat.js';
import { button, element } from './dom.js';
import { isTyping } from './controls.js';

/** The push-to-talk key (a physical key: V on QWERTY, wherever that key sits on other layouts). */
export const PUSH_TO_TALK_KEY = 'KeyV';

/** Plays one peer's voice; muted elements keep receiving, so unmuting is instant. */
function audioFor(track: MediaStreamTrack, muted: boolean): HTMLAudioElement {
  const audio = element('audio');
  audio.autoplay = true;
  audio.srcObject = new MediaStream([track]);
  audio.muted = muted;
  // Autoplay can be refused before the page had a click; joining is a click, so this rarely fails.
  void audio.play().catch(() => undefined);
  return audio;
}

function statusText(voice: VoiceChat): string {
  switch (voice.microphoneState) {
    case 'on':
      return voice.talking ? 'Voice: talking…' : 'Voice: hold V to talk';
    case 'unavailable':
      return `Voice unavailable (${voice.unavailableReason ?? 'no microphone'}); you can still listen`;
    case 'asking':
      return 'Voice: waiting for the microphone…';
    case 'off':
      return 'Voice: hold V to talk (the browser asks for the microphone the first time)';
  }
}

/**
 * Voice controls: the state (hold V or the Talk button to talk, or why voice is unavailable), a
 * Mute button per player we hear, and one hidden <audio> element per peer. `nameOf` gives a
 * peer's display name (from the roster).
 */
export function voiceView(voice: VoiceChat, nameOf: (peerId: string) => string, target: Window = window): { root: HTMLElement; dispose(): void } {
  const audios = new Map<string, HTMLAudioElement>();
  const status = element('span', { id: 'voice-status' });
  const talk = element('button', { id: 'talk', textContent: 'Hold to talk (V)' });
  talk.type = 'button';
  const peers = element('ul', { id: 'voice-peers' });
  const player = element('div', { className: 'voice-audio' });
  player.hidden = true;
  // One row per peer we hear, kept across renders and updated in place: a row rebuilt every second
  // would swallow a click that straddles the rebuild (the button under the pointer is replaced).
  const rows = new Map<string, { readonly item: HTMLLIElement; readonly label: HTMLSpanElement; readonly toggle: HTMLButtonElement }>();
  const rowOf = (remoteId: string) => {
    let row = rows.get(remoteId);
    if (!row) {
      const label = element('span');
      const toggle = button('Mute', () => voice.setMuted(remoteId, !voice.isMuted(remoteId)));
      toggle.dataset['peer'] = remoteId;
      row = { item: element('li', {}, label, toggle), label, toggle };
      rows.set(remoteId, row);
    }
    return row;
  };
  const render = (): void => {
    status.textContent = statusText(voice);
    talk.hidden = voice.microphoneState === 'unavailable';
    talk.classList.toggle('talking', voice.talking);
    const heard = voice.tracks().map(({ remoteId }) => remoteId);
    for (const remoteId of rows.keys()) if (!heard.includes(remoteId)) rows.delete(remoteId);
    const items = heard.map((remoteId) => {
      const row = rowOf(remoteId);
      const muted = voice.isMuted(remoteId);
      const audio = audios.get(remoteId);
      if (audio) audio.muted = muted;
      row.label.textContent = `${nameOf(remoteId)} `;
      row.toggle.textContent = muted ? 'Unmute' : 'Mute';
      return row.item;
    });
    const current = [...peers.children];
    if (items.length !== current.length || items.some((item, index) => item !== current[index])) peers.replaceChildren(...items);
  };
  const hold = (on: boolean) => (): void => voice.setTalking(on);
  talk.addEventListener('pointerdown', hold(true));
  for (const end of ['pointerup', 'pointerleave', 'pointercancel'] as const) talk.addEventListener(end, hold(false));
  const onKey = (down: boolean) => (event: KeyboardEvent): void => {
    if (event.code !== PUSH_TO_TALK_KEY || (down && isTyping(event.target))) return;
    voice.setTalking(down);
  };
  const keyDown = onKey(true);
  const keyUp = onKey(false);
  const blur = hold(false);
  target.addEventListener('keydown', keyDown);
  target.addEventListener('keyup', keyUp);
  target.addEventListener('blur', blur);
  const play = ({ remoteId, track }: { readonly remoteId: string; readonly track: MediaStreamTrack }): void => {
    audios.get(remoteId)?.remove();
    const audio = audioFor(track, voice.isMuted(remoteId));
    audios.set(remoteId, audio);
    player.append(audio);
  };
  for (const existing of voice.tracks()) play(existing);
  const offs = [
    voice.events.on('peer-track', play),
    voice.events.on('peer-gone', ({ remoteId }) => {
      audios.get(remoteId)?.remove();
      audios.delete(remoteId);
    }),
    voice.events.on('changed', render),
  ];
  // Names come from the roster, which can arrive after a peer's audio: refresh now and then.
  const refresh = setInterval(render, 1_000);
  render();
  return {
    root: element('section', { id: 'voice' }, status, talk, peers, player),
    dispose: () => {
      for (const off of offs) off();
      clearInterval(refresh);
      target.removeEventListener('keydown', keyDown);
      target.removeEventListener('keyup', keyUp);
      target.removeEventListener('blur', blur);
      for (const audio of audios.values()) audio.remove();
    },
  };
}
