/**
 * What a TURN relay run for Hostmesh must refuse and how much it may carry. A relay forwards to
 * any address a credential holder names, and every player of a game holds a credential, so
 * without these lines one hostile player could reach the TURN host's own services, its LAN or
 * the cloud metadata service through it. `TURN=managed` writes exactly these lines into the
 * coturn configuration it starts; README's `turnserver.conf` for a self-run coturn lists the same
 * ones (a unit test keeps the two equal).
 */

/** One coturn configuration line, with the reason it is there. */
export interface RelayPolicyLine {
  readonly line: string;
  readonly why: string;
}

export const RELAY_POLICY: readonly RelayPolicyLine[] = [
  { line: 'no-tcp-relay', why: 'WebRTC relays UDP only; TCP relay endpoints would let a credential open TCP connections anywhere' },
  { line: 'denied-peer-ip=0.0.0.0-0.255.255.255', why: '"this network": 0.0.0.0 reaches the TURN host itself' },
  { line: 'denied-peer-ip=10.0.0.0-10.255.255.255', why: "private networks (RFC 1918): the TURN host's LAN, a cloud VPC" },
  { line: 'denied-peer-ip=172.16.0.0-172.31.255.255', why: 'private networks (RFC 1918)' },
  { line: 'denied-peer-ip=192.168.0.0-192.168.255.255', why: 'private networks (RFC 1918)' },
  { line: 'denied-peer-ip=100.64.0.0-100.127.255.255', why: "carrier-grade NAT (RFC 6598): often a provider's internal network" },
  { line: 'denied-peer-ip=127.0.0.0-127.255.255.255', why: 'loopback: services on the TURN host that listen only locally (databases, admin ports)' },
  { line: 'denied-peer-ip=169.254.0.0-169.254.255.255', why: 'link-local, which includes the cloud metadata service at 169.254.169.254 (credentials!)' },
  // Not "::" (unspecified) nor a range starting there: coturn 4.6.1 then refuses every IPv4 peer
  // (measured in the NAT lab; tests/nat/nat-matrix.test.ts relays through this policy).
  { line: 'denied-peer-ip=::1', why: 'IPv6 loopback' },
  { line: 'denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255', why: 'IPv4-mapped IPv6: every range above, spelt another way' },
  { line: 'denied-peer-ip=fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', why: 'IPv6 unique local addresses (fc00::/7, of which fd00::/8 is in use): private networks' },
  { line: 'denied-peer-ip=fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', why: 'IPv6 link-local' },
  { line: 'no-multicast-peers', why: 'no broadcast or multicast peers (224.0.0.0 and up, ff00::/8)' },
  { line: 'user-quota=30', why: 'allocations per credential: 7 peer links in a game of 8, two each (UDP and TCP URLs), doubled during an ICE restart' },
  { line: 'total-quota=1000', why: 'allocations in all: about 35 players relayed at once; size it to your server' },
  { line: 'max-bps=200000', why: 'bytes/s per allocation: a game link carries at most ~25 KB/s of snapshots (1.2 KB, 20 a second) plus voice' },
  { line: 'bps-capacity=12500000', why: 'bytes per second for all allocations together: your uplink (here 100 Mbit/s)' },
];
