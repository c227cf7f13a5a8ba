import { describe, expect, it } from 'vitest';
import { classifyMapping, isPrivateHost, natAdvice } from '../../src/net/nat-probe.js';

const host = 'candidate:1 1 udp 2113937151 10.0.1.2 49637 typ host generation 0';
const srflx = (address: string, port: number, basePort = 49637): string =>
  `candidate:2 1 udp 1677729535 ${address} ${port} typ srflx raddr 10.0.1.2 rport ${basePort} generation 0 network-cost 999`;
const both = { probe: true, serverPrivate: false };

describe('telling a strict NAT from the public addresses two STUN ports saw', () => {
  it('one public address for both ports: direct', () => {
    expect(classifyMapping([host, srflx('198.18.0.11', 49637)], both)).toBe('direct');
  });

  it('a different public address per port from one socket: a symmetric NAT, which needs a relay', () => {
    expect(classifyMapping([host, srflx('198.18.0.11', 40001), srflx('198.18.0.11', 51234)], both)).toBe('needs-relay');
  });

  it('different sockets may map differently without meaning anything', () => {
    expect(classifyMapping([srflx('198.18.0.11', 40001, 1000), srflx('198.18.0.11', 51234, 2000)], both)).toBe('direct');
  });

  it('no public address: fine for a server on our own network, a blocked path for one on the internet', () => {
    expect(classifyMapping([host], { ...both, serverPrivate: true })).toBe('direct');
    expect(classifyMapping([host], both)).toBe('no-udp');
  });

  it('knows private, loopback and link-local hosts; a name counts as public', () => {
    for (const name of ['localhost', '127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.20', '169.254.1.1', '100.64.0.1', '[::1]', '[fd00::1]', '[fe80::1]']) expect(isPrivateHost(name)).toBe(true);
    for (const name of ['198.18.0.10', '8.8.8.8', '172.32.0.1', 'game.example.org', '[2001:db8::1]', 'fd.example.org']) expect(isPrivateHost(name)).toBe(false);
  });

  it('one public address proves nothing when the second port never answered', () => {
    expect(classifyMapping([srflx('198.18.0.11', 49637)], { ...both, probe: false })).toBe('unknown');
  });

  it('advises only when a relay is needed, and says whether this server has one', () => {
    expect(natAdvice('direct', false)).toBeUndefined();
    expect(natAdvice('unknown', false)).toBeUndefined();
    expect(natAdvice('needs-relay', false)).toMatch(/strict NAT.*offers none/);
    expect(natAdvice('needs-relay', true)).toMatch(/through the server's relay/);
    expect(natAdvice('no-udp', false)).toMatch(/may not reach you/);
  });
});
