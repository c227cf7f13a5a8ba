import type { TestPage } from './browsers/test-page.js';

/** Inbound audio of every peer link of a page, as its debug hook reads it from getStats. */
export interface InboundAudio {
  readonly remoteId: string;
  readonly stats: { readonly packetsReceived: number; readonly audioLevel: number; readonly totalAudioEnergy: number } | undefined;
}

/**
 * Where silence ends. A disabled track still sends frames: decoded, they carry a trace of sound
 * (levels of 3e-5, about 1e-9 of energy a second were measured). The fake microphone's beep is
 * far above both bounds (levels from 0.003 to 1.0 were measured while talking).
 */
export const SILENCE = { level: 0.001, energy: 1e-6 };

/** Sound arriving now: the level is instantaneous, unlike the energy, which also counts earlier talk. */
export function hasSound(entry: InboundAudio): boolean {
  return (entry.stats?.audioLevel ?? 0) > SILENCE.level;
}

export function inboundAudio(page: TestPage): Promise<InboundAudio[]> {
  return page.evaluate<InboundAudio[]>('window.__hostmesh.inboundAudio()');
}

/** Polls until every other peer's audio arrives on `page` with sound in it; returns the readings. */
export async function waitForVoices(page: TestPage, peers: number, what: string): Promise<InboundAudio[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const audio = await inboundAudio(page);
    const live = audio.filter(hasSound);
    if (live.length === peers) return audio;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(audio)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
