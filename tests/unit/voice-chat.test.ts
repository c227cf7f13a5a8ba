import { describe, expect, it } from 'vitest';
import type { LinkEvents } from '../../src/net/peer-link.js';
import type { LinkAudio } from '../../src/net/simple-peer-link.js';
import { findMicrophone, VoiceChat, type MicrophoneSource, type VoiceLink } from '../../src/social/voice-chat.js';
import { Emitter } from '../../src/util/emitter.js';

/** Just enough of a MediaStream for voice chat: one audio track to enable and stop. */
function fakeMicrophone(): { stream: MediaStream; track: { enabled: boolean; stopped: boolean } } {
  const track = { enabled: true, stopped: false, stop: () => (track.stopped = true) };
  const stream = { getAudioTracks: () => [track], getTracks: () => [track] };
  return { stream: stream as unknown as MediaStream, track };
}

function devices(getUserMedia: MicrophoneSource['getUserMedia'], listed: readonly string[] = ['audioinput']): MicrophoneSource & { calls: number } {
  const source = {
    calls: 0,
    getUserMedia: (constraints?: MediaStreamConstraints) => {
      source.calls += 1;
      return getUserMedia(constraints);
    },
    enumerateDevices: () => Promise.resolve(listed.map((kind) => ({ kind }) as MediaDeviceInfo)),
  };
  return source;
}

/** A transport link as voice sees it, with the audio settings it was created with. */
function fakeLink(remoteId: string): VoiceLink & { audio?: LinkAudio; events: Emitter<LinkEvents> } {
  return { remoteId, events: new Emitter<LinkEvents>(), inboundAudio: () => Promise.resolve(undefined) };
}

describe('VoiceChat', () => {
  it('starts with the microphone muted, and push-to-talk enables its track', async () => {
    const { stream, track } = fakeMicrophone();
    const voice = await VoiceChat.start(devices(() => Promise.resolve(stream)));
    expect([voice.available, voice.unavailableReason, voice.talking, track.enabled]).toEqual([true, undefined, false, false]);
    voice.setTalking(true);
    expect(track.enabled).toBe(true);
    voice.setTalking(false);
    expect(track.enabled).toBe(false);
    voice.stop();
    expect(track.stopped).toBe(true);
  });

  it('is unavailable, with the reason, when the microphone is refused, missing or never answered', async () => {
    const refused = await VoiceChat.start(devices(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))));
    expect([refused.available, refused.unavailableReason]).toEqual([false, 'NotAllowedError: Permission denied']);
    expect((await VoiceChat.start(undefined)).unavailableReason).toMatch(/no access to media devices/);

    const none = devices(() => Promise.reject(new Error('must not be asked')));
    expect((await VoiceChat.start(none, 'no microphone found')).unavailableReason).toBe('no microphone found');
    expect(none.calls).toBe(0);

    let answer: (stream: MediaStream) => void = () => undefined;
    const late = fakeMicrophone();
    const slow = await VoiceChat.start(devices(() => new Promise((resolve) => (answer = resolve))), undefined, 5);
    expect(slow.unavailableReason).toBe('no answer to the microphone prompt');
    answer(late.stream);
    await Promise.resolve();
    await Promise.resolve();
    expect(late.track.stopped).toBe(true);
  });

  it('finds no microphone only when the browser lists devices and none is one', async () => {
    const none = (listed: readonly string[]) => findMicrophone(devices(() => Promise.reject(new Error('unused')), listed));
    expect(await none(['audiooutput', 'videoinput'])).toBe('no microphone found');
    expect(await none(['audioinput', 'audiooutput'])).toBeUndefined();
    expect(await none([])).toBeUndefined();
    expect(await findMicrophone(undefined)).toMatch(/no access/);
  });

  it('gives every link the microphone, follows each peer\'s stream, and forgets it when its link closes', async () => {
    const { stream } = fakeMicrophone();
    const voice = await VoiceChat.start(devices(() => Promise.resolve(stream)));
    const gone: string[] = [];
    voice.events.on('peer-gone', ({ remoteId }) => gone.push(remoteId));
    const first = voice.connect('bob', (audio) => Object.assign(fakeLink('bob'), { audio }));
    expect(first.audio.stream).toBe(stream);
    const remote = fakeMicrophone().stream;
    first.audio.onRemoteStream(remote);
    expect(voice.streams()).toEqual([{ remoteId: 'bob', stream: remote }]);

    // Bob reloads: a new link replaces the old one, whose late close changes nothing.
    const second = voice.connect('bob', (audio) => Object.assign(fakeLink('bob'), { audio }));
    first.events.emit('close', { reason: 'the peer reconnected' });
    expect(gone).toEqual([]);
    second.events.emit('close', { reason: 'peer left' });
    expect(gone).toEqual(['bob']);
    expect(voice.streams()).toEqual([]);
  });

  it('mutes a player locally, across reconnections', async () => {
    const voice = await VoiceChat.start(undefined);
    let changes = 0;
    voice.events.on('changed', () => (changes += 1));
    voice.setMuted('bob', true);
    expect(voice.isMuted('bob')).toBe(true);
    voice.connect('bob', () => fakeLink('bob'));
    expect(voice.isMuted('bob')).toBe(true);
    voice.setMuted('bob', false);
    expect([voice.isMuted('bob'), changes]).toEqual([false, 2]);
  });
});
