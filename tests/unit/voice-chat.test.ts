import { describe, expect, it } from 'vitest';
import type { LinkEvents } from '../../src/net/peer-link.js';
import type { LinkAudio } from '../../src/net/simple-peer-link.js';
import { VoiceChat, type MicrophoneSource, type VoiceLink } from '../../src/social/voice-chat.js';
import { Emitter } from '../../src/util/emitter.js';

/** Just enough of a microphone stream for voice chat: one audio track to enable and stop. */
function fakeMicrophone(): { stream: MediaStream; track: MediaStreamTrack & { stopped: boolean } } {
  const track = { kind: 'audio', enabled: true, stopped: false, stop: () => (track.stopped = true) };
  const stream = { getAudioTracks: () => [track], getTracks: () => [track] };
  return { stream: stream as unknown as MediaStream, track: track as unknown as MediaStreamTrack & { stopped: boolean } };
}

function devices(getUserMedia: MicrophoneSource['getUserMedia']): MicrophoneSource & { calls: number } {
  const source = {
    calls: 0,
    getUserMedia: (constraints?: MediaStreamConstraints) => {
      source.calls += 1;
      return getUserMedia(constraints);
    },
  };
  return source;
}

/** A transport link as voice sees it: the audio settings it was created with, and what it sends. */
function fakeLink(remoteId: string, audio: LinkAudio) {
  const link = {
    remoteId,
    audio,
    events: new Emitter<LinkEvents>(),
    sending: audio.track ?? null,
    setOutgoingAudio: (track: MediaStreamTrack | null) => (link.sending = track),
    inboundAudio: () => Promise.resolve(undefined),
  };
  return link satisfies VoiceLink;
}

describe('VoiceChat', () => {
  it('puts the microphone on links made before and after it was granted, muted until push-to-talk', async () => {
    const { stream, track } = fakeMicrophone();
    const voice = new VoiceChat(devices(() => Promise.resolve(stream)));
    const early = voice.connect('ann', (audio) => fakeLink('ann', audio));
    expect([voice.microphoneState, early.sending]).toEqual(['off', null]);
    await voice.requestMicrophone();
    expect([voice.microphoneState, voice.unavailableReason, early.sending, track.enabled]).toEqual(['on', undefined, track, false]);
    const late = voice.connect('ben', (audio) => fakeLink('ben', audio));
    expect(late.audio.track).toBe(track);
    voice.setTalking(true);
    expect(track.enabled).toBe(true);
    voice.setTalking(false);
    expect(track.enabled).toBe(false);
    voice.stop();
    expect(track.stopped).toBe(true);
  });

  it('is unavailable, with the reason, when the microphone is refused or there is no access', async () => {
    const refused = new VoiceChat(devices(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))));
    const asking = refused.requestMicrophone();
    expect(refused.microphoneState).toBe('asking');
    await asking;
    expect([refused.microphoneState, refused.unavailableReason]).toEqual(['unavailable', 'NotAllowedError: Permission denied']);
    const insecure = new VoiceChat(undefined);
    await insecure.requestMicrophone();
    expect(insecure.unavailableReason).toMatch(/no access to media devices/);
  });

  it('asks only once while asking or granted', async () => {
    const { stream } = fakeMicrophone();
    const source = devices(() => Promise.resolve(stream));
    const voice = new VoiceChat(source);
    await Promise.all([voice.requestMicrophone(), voice.requestMicrophone()]);
    await voice.requestMicrophone();
    expect(source.calls).toBe(1);
  });

  it('asks for the microphone on the first push-to-talk and talks once it is granted, if still held', async () => {
    const { stream, track } = fakeMicrophone();
    let grant: (granted: MediaStream) => void = () => undefined;
    const source = devices(() => new Promise((resolve) => (grant = resolve)));
    const voice = new VoiceChat(source);
    const link = voice.connect('ann', (audio) => fakeLink('ann', audio));
    voice.setTalking(true);
    expect([source.calls, voice.microphoneState, voice.talking]).toEqual([1, 'asking', true]);
    grant(stream);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([voice.microphoneState, track.enabled, link.sending]).toEqual(['on', true, track]);
    voice.setTalking(false);
    voice.setTalking(true);
    expect(source.calls).toBe(1);
  });

  it('follows each peer\'s audio track and forgets it when its link closes, not when a replaced link does', () => {
    const voice = new VoiceChat(undefined);
    const gone: string[] = [];
    voice.events.on('peer-gone', ({ remoteId }) => gone.push(remoteId));
    const first = voice.connect('bob', (audio) => fakeLink('bob', audio));
    const remote = fakeMicrophone().track;
    first.audio.onRemoteTrack(remote);
    expect(voice.tracks()).toEqual([{ remoteId: 'bob', track: remote }]);
    const second = voice.connect('bob', (audio) => fakeLink('bob', audio));
    first.events.emit('close', { reason: 'the peer reconnected' });
    expect(gone).toEqual([]);
    second.events.emit('close', { reason: 'peer left' });
    expect(gone).toEqual(['bob']);
    expect(voice.tracks()).toEqual([]);
  });

  it('mutes a player locally, across reconnections', () => {
    const voice = new VoiceChat(undefined);
    let changes = 0;
    voice.events.on('changed', () => (changes += 1));
    voice.setMuted('bob', true);
    voice.connect('bob', (audio) => fakeLink('bob', audio));
    expect(voice.isMuted('bob')).toBe(true);
    voice.setMuted('bob', false);
    expect([voice.isMuted('bob'), changes]).toEqual([false, 2]);
  });
});
