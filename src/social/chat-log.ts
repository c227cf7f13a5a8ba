import { Emitter } from '../util/emitter.js';

/** One line of chat as this player saw it. */
export interface ChatLine {
  /** Lobby session id of the author (ours for our own lines). */
  readonly senderId: string;
  /** The author's display name when the line arrived. */
  readonly senderName: string;
  readonly text: string;
  /** Local time of arrival (ms since the epoch): peers' clocks are not comparable, ours is. */
  readonly at: number;
  readonly isSelf: boolean;
}

export interface ChatLogEvents extends Record<string, unknown> {
  line: ChatLine;
}

/** How many lines a log keeps unless told otherwise. */
export const DEFAULT_CHAT_HISTORY = 100;

/**
 * The chat history of one player: bounded, so a long game (or a chatty peer) cannot grow memory,
 * with a `line` event for views. Knows nothing about the network; ChatChannel feeds it.
 */
export class ChatLog {
  readonly events = new Emitter<ChatLogEvents>();
  private readonly history: ChatLine[] = [];

  constructor(private readonly capacity = DEFAULT_CHAT_HISTORY) {}

  /** Appends a line (dropping the oldest beyond capacity) and announces it. */
  add(line: ChatLine): void {
    this.history.push(line);
    if (this.history.length > this.capacity) this.history.splice(0, this.history.length - this.capacity);
    this.events.emit('line', line);
  }

  /** The newest `count` lines (all by default), oldest first. */
  lines(count = this.capacity): readonly ChatLine[] {
    return this.history.slice(-count);
  }
}
