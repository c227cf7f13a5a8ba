import { Packr } from 'msgpackr';
import { changedSince, type BenchEntity } from '../scenario.js';
import type { BenchCodec, Encoded } from './codec.js';

/** What a game without a replication layer sends: the changed entity objects as they are. */
function objectCodec(name: string, pack: (value: unknown) => Uint8Array, unpack: (bytes: Uint8Array) => unknown): BenchCodec {
  const encode = (entities: readonly BenchEntity[]): Encoded => {
    const bytes = pack({ entities });
    return { bytes, carried: entities.length, decode: () => unpack(bytes) };
  };
  return {
    name,
    full: (current) => encode(current),
    delta: (baseline, current) => encode(changedSince(baseline, current)),
  };
}

const text = new TextEncoder();
const textDecoder = new TextDecoder();

export const jsonCodec = objectCodec(
  'JSON',
  (value) => text.encode(JSON.stringify(value)),
  (bytes) => JSON.parse(textDecoder.decode(bytes)) as unknown,
);

const plain = new Packr({ useRecords: false });
export const msgpackrPlainCodec = objectCodec('msgpackr plain', (value) => plain.pack(value), (bytes) => plain.unpack(bytes));

/**
 * msgpackr records: the first message carries the structure definitions, later ones refer to
 * them. Sender and receiver share one Packr each, as a long-lived connection would.
 */
function recordsCodec(): BenchCodec {
  const sender = new Packr({ useRecords: true });
  const receiver = new Packr({ useRecords: true });
  return objectCodec('msgpackr records', (value) => sender.pack(value), (bytes) => receiver.unpack(bytes));
}
export const msgpackrRecordsCodec = recordsCodec();
