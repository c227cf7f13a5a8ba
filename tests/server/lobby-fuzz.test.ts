import { newPeerId } from '../../src/protocol/peer-id.js';
import { Client, type Room } from 'colyseus.js';
import { pack } from 'msgpackr';
import { describe, expect, it, vi } from 'vitest';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { LobbyMessage, MATCH_ROOM, type LobbyErrorPayload } from '../../src/protocol/lobby-messages.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { fuzzMessage, randomValue } from '../support/fuzz-messages.js';
import { DEFAULT_CAPS } from '../../server/limits/lobby-caps.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

const FUZZERS = 4;
const MESSAGES_PER_FUZZER = Number(process.env["FUZZ_N"] ?? 25_000);
const RAW_FRAMES = 5_000;
const BATCH = 500;
/** Seconds here, a few times that on a busy shared machine: the limit only catches a hang. */
const FUZZ_TIMEOUT_MS = 180_000;
/** Colyseus's first byte for room messages with a msgpack payload. */
const ROOM_DATA = 13;

const ODD_ROOM_NAMES = ['', 'ZZZZZZ', '__proto__', 'constructor', '..', 'match/../match', 'x'.repeat(300), 'lobby'];

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A raw colyseus.js room (no LobbySession: fuzzers send what no real client would). */
interface RawClient {
  readonly room: Room;
  readonly errors: string[];
  open: boolean;
}

async function rawClient(url: string, name: string): Promise<RawClient> {
  const room = await new Client(url).create(MATCH_ROOM, { name, playerKey: newPlayerKey(), peerId: newPeerId() });
  const client: RawClient = { room, errors: [], open: true };
  room.onMessage(LobbyMessage.Error, (error: LobbyErrorPayload) => client.errors.push(error.message));
  room.onMessage('*', () => undefined);
  room.onLeave(() => (client.open = false));
  return client;
}

/**
 * Sends a message the lobby must refuse and waits for that answer: everything sent before it was
 * processed. The client's token bucket may drop the marker right after a flood, so it is sent
 * again every half second until it is answered.
 */
async function drain(client: RawClient, marker: string): Promise<void> {
  const send = (): void => {
    if (client.open) client.room.send(LobbyMessage.Signal, { to: marker, data: '' });
  };
  send();
  const resend = setInterval(send, 500);
  try {
    await waitFor(`the lobby to process ${marker}`, () => !client.open || client.errors.some((message) => message.includes(marker)), 60_000);
  } finally {
    clearInterval(resend);
  }
}

describe('lobby under fuzz (real Colyseus, several clients)', () => {
  // One address makes every request here: the per-address caps (tested in lobby-caps) are opened up.
  const { url, origin, keep } = useSuiteLobby({ caps: { ...DEFAULT_CAPS, roomsPerAddress: 100_000, reservationsPerAddress: 100_000 } });

  it(`survives ${FUZZERS * MESSAGES_PER_FUZZER} random and mutated messages plus ${RAW_FRAMES} raw frames`, async () => {
    const alice = keep(await LobbySession.host(url(), 'Alice'));
    const bob = keep(await LobbySession.join(url(), alice.welcome.code, 'Bob'));
    const atBob: string[] = [];
    bob.events.on('signal', ({ data }) => atBob.push(data));
    const heapBefore = process.memoryUsage().heapUsed;
    // @colyseus/schema prints undecodable strings with console.error: count them, don't print them.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const fuzzers: RawClient[] = await Promise.all(Array.from({ length: FUZZERS }, (_, index) => rawClient(url(), `Fuzz${index}`)));
    const victims = [alice.selfId, bob.selfId];
    let sent = 0;
    let refusals = 0;
    let wellBehaved = 0;
    await Promise.all(
      fuzzers.map(async (fuzzer, index) => {
        const random = seededRandom(1_000 + index);
        const targets = [...victims, fuzzer.room.sessionId];
        for (let batch = 0; batch < MESSAGES_PER_FUZZER / BATCH; batch += 1) {
          for (let count = 0; count < BATCH; count += 1) {
            const { type, payload } = fuzzMessage(random, targets);
            fuzzer.room.send(type, payload);
            sent += 1;
          }
          if (index === 0) alice.sendSignal(bob.selfId, `legit-${(wellBehaved += 1)}`);
          await tick();
        }
        await drain(fuzzer, `end-of-fuzz-${index}`);
        refusals += fuzzer.errors.length;
        expect(fuzzer.open).toBe(true); // no message in the stream made the lobby drop this client
        await fuzzer.room.leave();
      }),
    );
    expect(sent).toBe(FUZZERS * MESSAGES_PER_FUZZER);

    // Raw frames: valid frames with random bytes flipped, and plain random bytes. A frame that
    // does not decode makes Colyseus close that socket; the fuzzer then comes back as a new client.
    const random = seededRandom(7);
    const valid = Uint8Array.from([ROOM_DATA, ...pack(LobbyMessage.Signal), ...pack({ to: alice.selfId, data: 'x' })]);
    let raw = await rawClient(url(), 'Raw');
    let reconnections = 0;
    for (let frame = 0; frame < RAW_FRAMES; frame += 1) {
      const bytes = random() < 0.5 ? Uint8Array.from(valid) : Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      if (!raw.open) {
        raw = await rawClient(url(), 'Raw');
        reconnections += 1;
      }
      raw.room.connection.send(bytes);
      if (frame % 100 === 0) await tick();
    }

    if (raw.open) await raw.room.leave();
    printed.mockRestore();

    // The well-behaved pair in another room got every signal, in order, and nothing else.
    await waitFor('bob to receive every legitimate signal', () => atBob.length === wellBehaved, 30_000);
    expect(atBob).toEqual(Array.from({ length: wellBehaved }, (_, index) => `legit-${index + 1}`));
    const carol = keep(await LobbySession.join(url(), alice.welcome.code, 'Carol'));
    expect(carol.welcome.members.map((member) => member.name)).toEqual(['Alice', 'Bob']);
    expect(await (await fetch(`${origin()}/healthz`)).json()).toEqual({ status: 'ok' });

    const heapAfter = process.memoryUsage().heapUsed;
    const growthMb = (heapAfter - heapBefore) / 2 ** 20;
    console.info(`fuzz: ${sent} messages (${refusals} answered with an error code), ${RAW_FRAMES} raw frames (${reconnections} sockets closed by the lobby, ${printed.mock.calls.length} console.error lines), heap ${(heapBefore / 2 ** 20).toFixed(1)} → ${(heapAfter / 2 ** 20).toFixed(1)} MiB`);
    expect(growthMb).toBeLessThan(200); // bounded: the lobby keeps no per-message state
  }, FUZZ_TIMEOUT_MS);

  it('answers 1,000 random matchmaking requests with an HTTP status and keeps serving', async () => {
    const random = seededRandom(99);
    const methods = ['create', 'join', 'joinById', 'joinOrCreate', 'reconnect', 'nonsense'];
    const statuses = new Set<number>();
    for (let request = 0; request < 1_000; request += 1) {
      const method = methods[Math.floor(random() * methods.length)] ?? 'create';
      const room = random() < 0.7 ? MATCH_ROOM : (ODD_ROOM_NAMES[Math.floor(random() * ODD_ROOM_NAMES.length)] ?? '');
      const options = random() < 0.5 ? { name: randomValue(random), playerKey: newPlayerKey(), peerId: newPeerId(), isPublic: randomValue(random), maxPlayers: randomValue(random), gameName: randomValue(random) } : randomValue(random);
      const response = await fetch(`${origin()}/matchmake/${method}/${encodeURIComponent(room)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options),
      });
      statuses.add(response.status);
      const body: unknown = await response.json();
      if (response.status !== 200) expect(body).toEqual({ code: response.status, error: expect.any(String) });
    }
    // 200: Colyseus's answer (a seat, or its error); 400, 413: a path or body the gate refuses.
    expect([...statuses].every((status) => [200, 400, 413].includes(status))).toBe(true);
    const host = keep(await LobbySession.host(url(), 'After'));
    expect(host.welcome.hostId).toBe(host.selfId);
  });
});
