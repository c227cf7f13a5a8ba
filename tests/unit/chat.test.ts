import { describe, expect, it } from 'vitest';
import type { MeshLinks } from '../../src/net/mesh.js';
import { Channel, type PeerLink } from '../../src/net/peer-link.js';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import { encodeValue } from '../../src/protocol/codec.js';
import { encodePeerMessage, PeerMessageType } from '../../src/protocol/peer-messages.js';
import { ChatChannel } from '../../src/social/chat-channel.js';
import { ChatLog } from '../../src/social/chat-log.js';
import { cleanChatText, MAX_CHAT_TEXT_LENGTH } from '../../src/social/chat-text.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { Emitter } from '../../src/util/emitter.js';

describe('cleanChatText', () => {
  it.each([
    ['plain text', 'hello there', 'hello there'],
    ['line breaks and tabs fold into spaces', 'a\nb\r\n\tc', 'a b c'],
    ['NUL and escape are removed', 'x\u0000y\u001b[31mz', 'x y [31mz'],
    ['bidi overrides are removed', 'abc\u202Edef\u2066g', 'abc def g'],
    ['outer whitespace is trimmed', '   hi   ', 'hi'],
    ['emoji with a zero-width joiner survive', 'family 👨‍👩‍👧', 'family 👨‍👩‍👧'],
  ])('%s', (_label, raw, expected) => {
    expect(cleanChatText(raw)).toEqual({ ok: true, value: expected });
  });

  it('accepts exactly the limit in characters, astral ones counted once', () => {
    expect(cleanChatText('😀'.repeat(MAX_CHAT_TEXT_LENGTH)).ok).toBe(true);
    const over = cleanChatText('😀'.repeat(MAX_CHAT_TEXT_LENGTH + 1));
    expect(over).toEqual({ ok: false, reason: `chat line of ${MAX_CHAT_TEXT_LENGTH + 1} characters (at most ${MAX_CHAT_TEXT_LENGTH})` });
  });

  it.each(['', '   ', '\n\u0007\u202E'])('refuses a line with nothing to show (%j)', (raw) => {
    expect(cleanChatText(raw)).toEqual({ ok: false, reason: 'empty chat line' });
  });
});

describe('ChatLog', () => {
  it('keeps the newest lines up to its capacity and announces each', () => {
    const log = new ChatLog(3);
    const seen: string[] = [];
    log.events.on('line', (line) => seen.push(line.text));
    for (const text of ['1', '2', '3', '4', '5']) log.add({ senderId: 'a', senderName: 'A', text, at: 0, isSelf: false });
    expect(log.lines().map((line) => line.text)).toEqual(['3', '4', '5']);
    expect(log.lines(2).map((line) => line.text)).toEqual(['4', '5']);
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
  });
});

/** A mesh of in-memory links for ChatChannel: what Match.peerLinks gives in a real game. */
function fakeMesh(links: PeerLink[]): Pick<MeshLinks, 'openLinks' | 'events'> {
  return { openLinks: () => links.filter((link) => link.state === 'open'), events: new Emitter() };
}

/** Alice and Bob over a loopback pair, each with a chat channel and log. */
function pair() {
  const scheduler = new ManualScheduler();
  const [toBob, toAlice] = createLoopbackPair({ scheduler, seed: 7, ids: ['bob', 'alice'] });
  scheduler.advance(0);
  const names: Record<string, string> = { alice: 'Alice', bob: 'Bob' };
  const make = (selfId: string, link: PeerLink) => {
    const log = new ChatLog();
    const channel = new ChatChannel({
      selfId,
      selfName: names[selfId] ?? '?',
      links: fakeMesh([link]),
      log,
      nameOf: (id) => names[id],
      clock: scheduler,
      wallClock: () => 1_700_000_000_000,
    });
    return { log, channel, link };
  };
  return { scheduler, alice: make('alice', toBob), bob: make('bob', toAlice) };
}

describe('ChatChannel over an in-memory link', () => {
  it('delivers a cleaned line with the sender taken from the link, and logs our own', () => {
    const { scheduler, alice, bob } = pair();
    expect(alice.channel.send('  hi\nBob  ')).toMatchObject({ ok: true });
    scheduler.advance(1);
    expect(bob.log.lines()).toEqual([{ senderId: 'alice', senderName: 'Alice', text: 'hi Bob', at: 1_700_000_000_000, isSelf: false }]);
    expect(alice.log.lines()).toMatchObject([{ senderId: 'alice', text: 'hi Bob', isSelf: true }]);
  });

  it('refuses to send an empty or too long line', () => {
    const { alice } = pair();
    expect(alice.channel.send(' ')).toEqual({ ok: false, reason: 'empty chat line' });
    expect(alice.channel.send('x'.repeat(MAX_CHAT_TEXT_LENGTH + 1)).ok).toBe(false);
    expect(alice.log.lines()).toEqual([]);
  });

  it('counts and drops malformed, too long and flooding lines from a peer', () => {
    const { scheduler, alice, bob } = pair();
    alice.link.send(Channel.Reliable, encodeValue([PeerMessageType.Chat, 5]));
    alice.link.send(Channel.Reliable, encodePeerMessage({ type: PeerMessageType.Chat, text: 'y'.repeat(MAX_CHAT_TEXT_LENGTH + 1) }));
    alice.link.send(Channel.Reliable, encodePeerMessage({ type: PeerMessageType.Chat, text: '\u0000\u0001' }));
    for (let i = 0; i < 8; i += 1) alice.link.send(Channel.Reliable, encodePeerMessage({ type: PeerMessageType.Chat, text: `spam ${i}` }));
    scheduler.advance(1);
    expect(bob.channel.drops).toEqual({ malformed: 1, rejected: 2, rateLimited: 3 });
    expect(bob.log.lines().map((line) => line.text)).toEqual(['spam 0', 'spam 1', 'spam 2', 'spam 3', 'spam 4']);
    scheduler.advance(1_000);
    alice.link.send(Channel.Reliable, encodePeerMessage({ type: PeerMessageType.Chat, text: 'after a second' }));
    scheduler.advance(1);
    expect(bob.log.lines().at(-1)?.text).toBe('after a second');
  });

  it('limits our own rate too, so the others never drop what we show as sent', () => {
    const { alice } = pair();
    const results = Array.from({ length: 6 }, (_, i) => alice.channel.send(`line ${i}`).ok);
    expect(results).toEqual([true, true, true, true, true, false]);
  });

  it('ignores chat on the unreliable channel and after close', () => {
    const { scheduler, alice, bob } = pair();
    alice.link.send(Channel.Unreliable, encodePeerMessage({ type: PeerMessageType.Chat, text: 'sideways' }));
    bob.channel.close();
    alice.channel.send('too late');
    scheduler.advance(1);
    expect(bob.log.lines()).toEqual([]);
  });
});
