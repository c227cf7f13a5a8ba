import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mintTurnCredentials } from '../../server/turn-credentials.js';

describe('TURN credentials (coturn REST scheme)', () => {
  const request = { secret: 's3cret', urls: ['turn:127.0.0.1:3478'], userId: 'ab:cd', ttlSeconds: 600, nowSeconds: 1_700_000_000 };

  it('puts the expiry and user id in the username and signs it with HMAC-SHA1', () => {
    const minted = mintTurnCredentials(request);
    expect(minted.username).toBe('1700000600:abcd');
    expect(minted.credential).toBe(createHmac('sha1', 's3cret').update('1700000600:abcd').digest('base64'));
    expect(minted.urls).toEqual(['turn:127.0.0.1:3478']);
  });

  it('gives a different credential for a different secret', () => {
    expect(mintTurnCredentials({ ...request, secret: 'other' }).credential).not.toBe(mintTurnCredentials(request).credential);
  });

  it('refuses an empty secret or a lifetime that is not positive', () => {
    expect(() => mintTurnCredentials({ ...request, secret: '' })).toThrow(/secret/);
    expect(() => mintTurnCredentials({ ...request, ttlSeconds: 0 })).toThrow(/lifetime/);
  });
});
