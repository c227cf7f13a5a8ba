import { afterEach } from 'vitest';
import type { PeerLink } from '../../src/net/peer-link.js';

/** A list the calling test file fills with links; each is closed after every test. */
export function closedAfterEach(): PeerLink[] {
  const links: PeerLink[] = [];
  afterEach(() => {
    for (const link of links.splice(0)) link.close();
  });
  return links;
}
