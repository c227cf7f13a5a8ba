/**
 * Snapshot encoders side by side on the same seeded worlds (see scenario.ts: wanderers, and
 * movers with velocities and a state enum): JSON, msgpackr plain, msgpackr records,
 * @colyseus/schema patches, and Hostmesh's codec (delta against the snapshot acknowledged 3
 * snapshots earlier). Prints a table and writes bench/results.json.
 *
 *   npm run bench:codecs
 */
import { writeFile } from 'node:fs/promises';
import type { BenchCodec, Encoded } from './codecs/codec.js';
import { colyseusCodec } from './codecs/colyseus-codec.js';
import { hostmeshCodec } from './codecs/hostmesh-codec.js';
import { jsonCodec, msgpackrPlainCodec, msgpackrRecordsCodec } from './codecs/plain-codecs.js';
import { changedSince, movers, wanderers, type BenchScenario } from './scenario.js';

const SIZES = [16, 64, 256, 1024];
const TICKS = 60;
const BASELINE_AGE = 3;
/** Each snapshot is encoded and decoded this many times; every run is one sample. */
const REPEATS = 5;
/** Payload of one SCTP packet in libwebrtc. */
const PACKET_PAYLOAD = 1_163;

interface Row {
  scenario: string;
  encoder: string;
  n: number;
  fullBytes: number;
  fullBytesPerEntity: number;
  deltaBytes: number;
  changed: number;
  carried: number;
  bitsPerChangedEntity: number;
  packets: number;
  encodeUs: number;
  decodeUs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed<T>(run: () => T): { result: T; us: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, us: Number(process.hrtime.bigint() - start) / 1000 };
}

function measure(scenario: BenchScenario, codec: BenchCodec, n: number, passes: readonly boolean[]): Row {
  const frames = scenario.generate(n, TICKS);
  const samples = { bytes: [] as number[], changed: [] as number[], carried: [] as number[], encode: [] as number[], decode: [] as number[] };
  let fullBytes = 0;
  for (const measured of passes) {
    for (let tick = BASELINE_AGE; tick < TICKS; tick += 1) {
      const baseline = frames[tick - BASELINE_AGE] ?? [];
      const current = frames[tick] ?? [];
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        // Untimed: puts stateful encoders (and their decoders) back at the baseline.
        const full = codec.full(baseline, tick - BASELINE_AGE);
        full.decode();
        fullBytes = full.bytes.byteLength;
        const encoded: { result: Encoded; us: number } = timed(() => codec.delta(baseline, current, tick - BASELINE_AGE, tick));
        const decoded = timed(() => encoded.result.decode());
        if (!measured) continue;
        samples.encode.push(encoded.us);
        samples.decode.push(decoded.us);
        if (repeat > 0) continue;
        samples.bytes.push(encoded.result.bytes.byteLength);
        samples.changed.push(changedSince(baseline, current).length);
        samples.carried.push(encoded.result.carried);
      }
    }
  }
  const deltaBytes = median(samples.bytes);
  const carried = median(samples.carried);
  return {
    scenario: scenario.name,
    encoder: codec.name,
    n,
    fullBytes,
    fullBytesPerEntity: Number((fullBytes / n).toFixed(2)),
    deltaBytes,
    changed: median(samples.changed),
    carried,
    bitsPerChangedEntity: Number(((deltaBytes * 8) / Math.max(1, carried)).toFixed(1)),
    packets: Math.ceil(deltaBytes / PACKET_PAYLOAD),
    encodeUs: Number(median(samples.encode).toFixed(1)),
    decodeUs: Number(median(samples.decode).toFixed(1)),
  };
}

const SCENARIOS = [wanderers, movers];
const rows: Row[] = [];
for (const scenario of SCENARIOS) {
  const codecs = [jsonCodec, msgpackrPlainCodec, msgpackrRecordsCodec, colyseusCodec(scenario), hostmeshCodec(scenario)];
  // Every codec runs every size once unmeasured first, so each is equally warmed by the JIT
  // before anything is timed (otherwise codecs sharing msgpackr would start hotter than others).
  for (const n of SIZES) for (const codec of codecs) measure(scenario, codec, n, [false]);
  for (const n of SIZES) for (const codec of codecs) rows.push(measure(scenario, codec, n, [true]));
}
console.table(rows);
// The same table as markdown, for docs/BENCHMARKS.md.
console.log('| scenario | encoder | N | full B/entity | delta bytes | bits / changed entity | packets | encode µs | decode µs |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const cells = [row.scenario, row.encoder, row.n, row.fullBytesPerEntity, row.deltaBytes, row.bitsPerChangedEntity, row.packets, row.encodeUs, row.decodeUs];
  console.log(`| ${cells.join(' | ')} |`);
}
await writeFile(
  'bench/results.json',
  `${JSON.stringify(
    rows.map(({ scenario, encoder, n, fullBytes, deltaBytes, bitsPerChangedEntity, packets, encodeUs, decodeUs, fullBytesPerEntity, changed, carried }) => ({
      scenario, encoder, n, fullBytes, deltaBytes, bitsPerChangedEntity, packets, encodeUs, decodeUs, fullBytesPerEntity, changed, carried,
    })),
    null,
    2,
  )}\n`,
);
console.log('wrote bench/results.json');
