import type { TestPage } from './browsers/test-page.js';

/** Inbound audio of every peer link of a page, as its debug hook reads it from getStats. */
export interface InboundAudio {
  readonly remoteId: string;
  readonly stats: { readonly packetsReceived: number; readonly audioLevel: number; readonly totalAudioEnergy: number } | undefined;
}

/**
 * Where silence ends. A disabled track still sends frames: decoded, they carry a trace of energy
 * (about 2e-9 after a few seconds was measured). The fake microphone's beep is far above both
 * bounds (levels from 0.006 to 1.0 and energies from 1e-4 to 0.1 were measured).
 */
const SILENCE = { level: 0.001, energy: 1e-6 };

export function hasSound(entry: InboundAudio): boolean {
  return (entry.stats?.audioLevel ?? 0) > SILENCE.level || (entry.stats?.totalAudioEnergy ?? 0) > SILENCE.energy;
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

