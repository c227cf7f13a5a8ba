import { Writable } from 'node:stream';
import { Client } from 'colyseus.js';
import { pino, type Logger } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { newPlayerKey } from '../../src/net/lobby-client.js';
import { MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { newPeerId } from '../../src/protocol/peer-id.js';
import type { TestLobby } from '../support/in-process-lobby.js';

// Colyseus disposes a room it could not create once its seat reservation time passes (15 s by
// default, read when Colyseus loads): 1 s here, so the test sees it.
process.env['COLYSEUS_SEAT_RESERVATION_TIME'] = '1';
const { startTestLobby } = await import('../support/in-process-lobby.js');

/** Every line the lobby logs, as parsed JSON. */
function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger: Logger = pino({ level: 'debug' }, sink);
  return { logger, lines };
}

describe('a refused room creation (real Colyseus)', () => {
  const { logger, lines } = capturingLogger();
  let lobby: TestLobby | undefined;
  afterAll(async () => {
    await lobby?.close();
  });

  it('is refused with its reason and leaves no error behind when Colyseus disposes the room it never made', async () => {
    lobby = await startTestLobby({ logger });
    const options = { name: 'Host', playerKey: newPlayerKey(), peerId: newPeerId() };
    const first = await new Client(lobby.url).create(MATCH_ROOM, { ...options, code: 'H4RD9Z' });
    await expect(new Client(lobby.url).create(MATCH_ROOM, { ...options, peerId: newPeerId(), code: 'H4RD9Z' })).rejects.toThrow('already exists');
    await expect(new Client(lobby.url).create(MATCH_ROOM, { ...options, peerId: newPeerId(), variant: 'NOT VALID' })).rejects.toThrow(/variant must be/);
    await first.leave();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(lines.filter((line) => String(line['msg']).includes('onDispose error'))).toEqual([]);
    expect(lines.filter((line) => line['msg'] === 'room disposed').length).toBe(1);
  });
});
