/**
 * Writes assets/zap.wav, Zap Arena's zap sound: a 150 ms falling chirp with a fast decay,
 * synthesized here so the asset is the project's own (regenerate with `npx tsx scripts/make-zap-sound.ts`).
 */
import { writeFile } from 'node:fs/promises';

const RATE = 22_050;
const SECONDS = 0.15;
const samples = Math.round(RATE * SECONDS);
const data = Buffer.alloc(samples);
let phase = 0;
for (let i = 0; i < samples; i += 1) {
  const t = i / samples;
  const frequency = 1_400 * (1 - t) + 180 * t;
  phase += frequency / RATE;
  // A square wave softened with a little of its sine, fading out quickly.
  const wave = (phase % 1 < 0.5 ? 1 : -1) * 0.6 + Math.sin(phase * Math.PI * 2) * 0.4;
  const envelope = Math.pow(1 - t, 2.5);
  data[i] = Math.round(128 + 100 * wave * envelope);
}
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + samples, 4);
header.write('WAVEfmt ', 8);
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE, 28); // bytes per second at 8 bits mono
header.writeUInt16LE(1, 32);
header.writeUInt16LE(8, 34);
header.write('data', 36);
header.writeUInt32LE(samples, 40);
await writeFile(new URL('../assets/zap.wav', import.meta.url), Buffer.concat([header, data]));
