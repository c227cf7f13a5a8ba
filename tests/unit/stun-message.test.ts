import { describe, expect, it } from 'vitest';
import { answerStunRequest, bindingRequest, readMappedAddress, readStunRequest, type StunRequest } from '../../server/stun/stun-message.js';
import { seededRandom } from '../../src/util/seeded-random.js';

/** The transaction id of RFC 5769's sample messages. */
const TRANSACTION = Uint8Array.from([0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae]);

function request(bytes: Uint8Array): StunRequest {
  const read = readStunRequest(bytes);
  if (typeof read === 'string') throw new Error(`not a request: ${read}`);
  return read;
}

/** A STUN message of `type` with these attributes (no FINGERPRINT), padded as the wire wants. */
function rawMessage(type: number, attributes: readonly (readonly [number, readonly number[]])[]): Uint8Array {
  const body = attributes.flatMap(([attributeType, value]) => {
    const padding = new Array<number>((4 - (value.length % 4)) % 4).fill(0);
    return [attributeType >> 8, attributeType & 0xff, value.length >> 8, value.length & 0xff, ...value, ...padding];
  });
  return Uint8Array.from([type >> 8, type & 0xff, body.length >> 8, body.length & 0xff, 0x21, 0x12, 0xa4, 0x42, ...TRANSACTION, ...body]);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('STUN messages (RFC 8489)', () => {
  it("answers a Binding request with the sender's address XORed as RFC 5769's IPv4 sample response has it", () => {
    const answer = answerStunRequest(request(bindingRequest(TRANSACTION)), { address: '192.0.2.1', port: 32853 });
    // Success response, 20 bytes of attributes (XOR-MAPPED-ADDRESS, FINGERPRINT), cookie, same transaction.
    expect(hex(answer.subarray(0, 20))).toBe(`01010014 2112a442 ${hex(TRANSACTION)}`.replaceAll(' ', ''));
    expect(hex(answer.subarray(20, 32))).toBe('00200008' + '0001a147' + 'e112a643');
    expect(readMappedAddress(answer)).toEqual({ address: '192.0.2.1', port: 32853 });
    // The answer's FINGERPRINT is right: the reader checks it before it sees the answer is no request.
    expect(readStunRequest(answer)).toBe('not a request');
  });

  it('answers over IPv6 (address XORed with cookie and transaction id) and reads an IPv4-mapped sender as IPv4', () => {
    const ipv6 = answerStunRequest(request(bindingRequest(TRANSACTION)), { address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 });
    expect(hex(ipv6.subarray(20, 28))).toBe('00200014' + '0002a147');
    expect(hex(ipv6.subarray(28, 32))).toBe('0113a9fa');
    expect(readMappedAddress(ipv6)).toEqual({ address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 });
    const mapped = answerStunRequest(request(bindingRequest(TRANSACTION)), { address: '::ffff:198.51.100.7', port: 4000 });
    expect(readMappedAddress(mapped)).toEqual({ address: '198.51.100.7', port: 4000 });
  });

  it('answers an unknown comprehension-required attribute with 420 naming it, and another method with 400', () => {
    const unknown = answerStunRequest(request(rawMessage(0x0001, [[0x7777, [1, 2, 3, 4]], [0x8022, [0x61]]])), { address: '192.0.2.1', port: 1 });
    expect(hex(unknown.subarray(0, 2))).toBe('0111');
    expect(hex(unknown)).toContain('0009' + '0015' + '0000' + '0414'); // ERROR-CODE 420 "Unknown Attribute"
    expect(hex(unknown)).toContain('000a0002' + '7777'); // UNKNOWN-ATTRIBUTES: 0x7777, not the optional 0x8022
    const allocate = answerStunRequest(request(rawMessage(0x0003, [])), { address: '192.0.2.1', port: 1 }); // TURN's Allocate: not ours
    expect(hex(allocate.subarray(0, 2))).toBe('0113');
    expect(hex(allocate)).toContain('0009000f' + '00000400'); // ERROR-CODE 400 "Bad Request"
  });

  it('reads nothing else as a request: other protocols, a wrong length, a broken attribute, a bad fingerprint, a response', () => {
    const good = bindingRequest(TRANSACTION);
    const copy = (): Uint8Array => Uint8Array.from(good);
    expect(readStunRequest(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'))).toBe('not stun');
    const noCookie = copy();
    noCookie[4] = 0;
    expect(readStunRequest(noCookie)).toBe('not stun');
    expect(readStunRequest(good.subarray(0, good.length - 4))).toBe('bad length');
    const badAttribute = copy();
    badAttribute[23] = 40; // FINGERPRINT claims 40 bytes
    expect(readStunRequest(badAttribute)).toBe('bad attribute');
    const badFingerprint = copy();
    badFingerprint[good.length - 1] = (badFingerprint[good.length - 1] ?? 0) ^ 1;
    expect(readStunRequest(badFingerprint)).toBe('bad fingerprint');
    expect(readStunRequest(rawMessage(0x0011, []))).toBe('not a request'); // a Binding indication
    expect(readStunRequest(rawMessage(0x0101, []))).toBe('not a request'); // a Binding response
  });

  it('never throws on 200,000 random and mutated datagrams, and answers every request it reads', () => {
    const random = seededRandom(8489);
    const byte = (): number => Math.floor(random() * 256);
    const good = bindingRequest(TRANSACTION);
    let requests = 0;
    for (let i = 0; i < 200_000; i += 1) {
      let datagram: Uint8Array;
      if (i % 2 === 0) datagram = Uint8Array.from({ length: Math.floor(random() * 80) }, byte);
      else {
        datagram = Uint8Array.from(good);
        for (let n = 1 + Math.floor(random() * 3); n > 0; n -= 1) datagram[Math.floor(random() * datagram.length)] = byte();
        if (random() < 0.3) datagram = datagram.subarray(0, Math.floor(random() * datagram.length));
      }
      const read = readStunRequest(datagram);
      if (typeof read === 'string') continue;
      requests += 1;
      const answer = answerStunRequest(read, { address: '203.0.113.9', port: 5000 });
      expect(answer.length % 4).toBe(0);
    }
    expect(requests).toBeGreaterThan(0);
  });
});
