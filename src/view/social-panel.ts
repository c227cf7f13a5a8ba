import type { Match } from '../session/match.js';
import { ChatChannel, unnamedPeer } from '../social/chat-channel.js';
import { ChatLog } from '../social/chat-log.js';
import type { VoiceChat } from '../social/voice-chat.js';
import { systemClock } from '../time/clock.js';
import { chatView } from './chat-view.js';
import { element } from './dom.js';
import { peerName } from './overlay/match-overlay-input.js';
import { voiceView } from './voice-view.js';

/** The chat and voice of one game, as the page shows them beside the members list. */
export interface SocialPanel {
  readonly root: HTMLElement;
  readonly log: ChatLog;
  readonly chat: ChatChannel;
  dispose(): void;
}

/** Starts chat for `match` and builds its view, with voice controls when voice was started. */
export function socialPanel(match: Match, selfName: string, voice: VoiceChat | undefined): SocialPanel {
  const log = new ChatLog();
  const nameOf = (id: string): string => peerName(match, id) ?? unnamedPeer(id);
  const chat = new ChatChannel({ selfId: match.selfId, selfName, links: match.peerLinks, log, nameOf, clock: systemClock });
  const chatBox = chatView(log, (text) => chat.send(text));
  const voiceBox = voice ? voiceView(voice, nameOf) : undefined;
  return {
    root: element('div', { className: 'social' }, chatBox.root, ...(voiceBox ? [voiceBox.root] : [])),
    log,
    chat,
    dispose: () => {
      chat.close();
      chatBox.dispose();
      voiceBox?.dispose();
    },
  };
}
