import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browsers/chromium.js';
import type { TestBrowser, TestPage } from '../support/browsers/test-page.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';
import { inboundAudio, SILENCE, waitForVoices } from '../support/voice.js';

const overlayHidden = (page: TestPage): Promise<boolean> => page.evaluate<boolean>("document.getElementById('net-overlay').hidden");

describe('chat, push-to-talk voice and the net overlay in Chromium', () => {
  let server: LobbyProcess | undefined;
  let withMic: TestBrowser | undefined;
  let withoutMic: TestBrowser | undefined;

  beforeAll(async () => {
    server = await startLobbyProcess();
    withMic = await launchChromium({ fakeMedia: true });
    withoutMic = await launchChromium();
  });

  afterAll(async () => {
    await withMic?.close();
    await withoutMic?.close();
    await server?.stop();
  });

  // Four pages, two of them encoding and decoding audio: allow a loaded machine more than the default.
  it('three players chat and hear each other; a fourth without a microphone plays and listens', { timeout: 60_000 }, async () => {
    const origin = present(server, 'server').origin;
    const browser = present(withMic, 'chromium with a fake microphone');
    const [ann, ben, cy] = [await browser.newPage(), await browser.newPage(), await browser.newPage()];
    const pages = [ann, ben, cy];
    const invite = await hostGame(ann, origin, 'Ann');
    // The waiting room offers the invite link as a QR code (its contents are checked in tests/unit/qr.test.ts).
    await ann.click('#invite-qr summary');
    await ann.waitForSelector('#invite-qr svg'); // the encoder loads when the box is first opened
    expect(await ann.evaluate<string>("document.querySelector('#invite-qr svg').getAttribute('aria-label')")).toBe(`QR code of ${invite}`);
    await joinByLink(ben, invite, 'Ben');
    await joinByLink(cy, invite, 'Cy');
    for (const page of pages) {
      const state = await waitForState(page, 'three players and two voices', (s) => s.drawnPlayers === 3 && s.voice?.hearing.length === 2);
      // Nobody has pressed push-to-talk: no microphone was asked for yet.
      expect(state.voice).toMatchObject({ microphone: 'off', talking: false });
    }

    // Chat: Enter sends; every page shows the line with the author's name.
    await ben.fill('#chat-input', 'hello from Ben');
    await ben.keyDown('Enter');
    await ben.keyUp('Enter');
    for (const page of pages) {
      await waitForState(page, 'the chat line', (s) => s.chat.some((line) => line.senderName === 'Ben' && line.text === 'hello from Ben'));
    }
    expect(await ben.inputValue('#chat-input')).toBe('');

    // Keys typed into the chat box are text: holding D there does not move Ben; outside it does.
    const benX = async (): Promise<number> => (await debugState(ann)).players.find((p) => p.name === 'Ben')?.x ?? Number.NaN;
    const before = await benX();
    await ben.click('#chat-input');
    await ben.keyDown('d');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await ben.keyUp('d');
    expect(await benX()).toBe(before);
    await ben.keyDown('Escape');
    await ben.keyUp('Escape');
    await ben.keyDown('d');
    await waitForState(ann, 'Ben to move right once the chat box is left', (s) => (s.players.find((p) => p.name === 'Ben')?.x ?? 0) > before + 30);
    await ben.keyUp('d');

    // Push-to-talk, once to grant the microphone: after letting go only silence arrives (the track
    // is disabled, not removed).
    for (const page of pages) {
      await page.keyDown('v');
      await waitForState(page, 'the microphone', (s) => s.voice?.microphone === 'on');
      await page.keyUp('v');
    }
    for (const page of pages) expect((await debugState(page)).voice?.talking).toBe(false);
    // Energy per peer (by id); a page between two readings of its links may list none for a moment.
    const energy = async (page: TestPage): Promise<Map<string, number>> => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const audio = await inboundAudio(page);
        if (audio.length === 2 || Date.now() > deadline) return new Map(audio.map((entry) => [entry.remoteId, entry.stats?.totalAudioEnergy ?? 0]));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const quietStart = await Promise.all(pages.map(energy));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const quietEnd = await Promise.all(pages.map(energy));
    const added = quietEnd.map((values, page) => [...values].map(([peer, value]) => value - (quietStart[page]?.get(peer) ?? Number.NaN)));
    console.info(`audio energy added in a second of silence: ${JSON.stringify(added)}`);
    for (const [index, values] of added.entries()) {
      const page = pages[index];
      const seen = page && (await debugState(page));
      expect(values, `page ${index}: ${seen?.links.length} open links, status ${seen?.status}, voice ${JSON.stringify(seen?.voice)}`).toHaveLength(2);
      for (const value of values) expect(value).toBeLessThan(SILENCE.energy);
    }
    // Everyone holds V; each page receives sound from both others.
    for (const page of pages) await page.keyDown('v');
    for (const page of pages) expect((await debugState(page)).voice?.talking).toBe(true);
    for (const [index, page] of pages.entries()) {
      const audio = await waitForVoices(page, 2, `page ${index} to hear both others`);
      console.info(`page ${index} inbound audio: ${audio.map((a) => `level ${a.stats?.audioLevel.toFixed(3)}, energy ${a.stats?.totalAudioEnergy.toExponential(2)}, ${a.stats?.packetsReceived} packets`).join(' | ')}`);
    }

    // A player without a microphone joins: voice says unavailable, the game and listening work.
    const dee = await present(withoutMic, 'chromium without media').newPage();
    await joinByLink(dee, invite, 'Dee');
    await waitForState(dee, 'Dee to draw four players and hear three', (s) => s.drawnPlayers === 4 && s.voice?.hearing.length === 3);
    await dee.keyDown('v');
    await dee.keyUp('v');
    const onDee = await waitForState(dee, 'voice to give up on the microphone', (s) => s.voice?.microphone === 'unavailable');
    expect(onDee.voice?.reason).toMatch(/^NotFoundError: /);
    console.info(`without a microphone, voice says: ${onDee.voice?.reason}`);
    expect(await dee.textContent('#voice-status')).toMatch(/^Voice unavailable/);
    await waitForVoices(dee, 3, 'Dee to hear the three others');
    for (const page of pages) await page.keyUp('v');

    // Muting a player silences their <audio> element on this page only.
    const mutedAudio = (page: TestPage): Promise<number> => page.evaluate<number>("[...document.querySelectorAll('#voice audio')].filter((a) => a.muted).length");
    await ann.click('#voice-peers button');
    expect(await ann.textContent('#voice-peers')).toMatch(/Unmute/);
    expect(await mutedAudio(ann)).toBe(1);
    expect(await mutedAudio(ben)).toBe(0);

    for (const page of [...pages, dee]) expect(page.errors()).toEqual([]);
    expect((await debugState(ann)).dropped).toEqual({ malformed: 0, unauthorized: 0 });
    for (const page of [...pages, dee]) await page.close();
  });

  it('shows the net overlay on ` and sets the network simulator from its panel', async () => {
    const origin = present(server, 'server').origin;
    const browser = present(withoutMic, 'chromium');
    const [host, guest] = [await browser.newPage(), await browser.newPage()];
    const invite = await hostGame(host, origin, 'Host');
    await joinByLink(guest, invite, 'Guest');
    await waitForState(guest, 'two players drawn', (s) => s.drawnPlayers === 2);
    expect(await overlayHidden(guest)).toBe(true);
    await guest.keyDown('Backquote');
    await guest.keyUp('Backquote');
    expect(await overlayHidden(guest)).toBe(false);
    await guest.waitForSelector('#net-overlay tbody tr');
    const overlay = await guest.textContent('#net-overlay-stats');
    expect(overlay).toMatch(/you: client, playing/);
    expect(overlay).toMatch(/host: Host \(/);
    expect(overlay).toMatch(/snapshots \d+ \(0 undecodable\), last \d+ B/);

    await guest.fill('#netsim-outgoing-latency', '40');
    await guest.fill('#netsim-incoming-latency', '40');
    await guest.click('#netsim-apply');
    expect(await guest.textContent('#netsim-result')).toBe('applied: outgoing on 1 link(s), incoming on 1 link(s)');
    // 40 ms each way are added to a loopback round trip: the smoothed RTT climbs past 80 ms.
    const slow = await waitForState(guest, 'the RTT to include the simulated latency', (s) => (s.links[0]?.rttMs ?? 0) >= 80);
    console.info(`RTT with 40 ms each way simulated: ${slow.links[0]?.rttMs?.toFixed(1)} ms`);
    await guest.click('#netsim-reset');
    await guest.keyDown('F3');
    await guest.keyUp('F3');
    expect(await overlayHidden(guest)).toBe(true);
    await host.close();
    await guest.close();
  });
});
