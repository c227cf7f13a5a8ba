import { describe, expect, it } from 'vitest';
import { generateInviteCode, INVITE_ALPHABET, INVITE_CODE_LENGTH, parseInviteCode } from '../../src/protocol/invite-code.js';
import { inviteLink, parseRoute } from '../../src/view/route.js';

describe('invite codes', () => {
  it('draws codes from the unambiguous alphabet only', () => {
    let counter = 0;
    const bytes = (count: number): Uint8Array => Uint8Array.from({ length: count }, () => (counter += 37) % 256);
    for (let i = 0; i < 200; i += 1) {
      const code = generateInviteCode(bytes);
      expect(code).toHaveLength(INVITE_CODE_LENGTH);
      for (const char of code) expect(INVITE_ALPHABET).toContain(char);
    }
    expect(INVITE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('rejects bytes that would bias the distribution', () => {
    const biased = (count: number): Uint8Array => new Uint8Array(count).fill(255);
    let calls = 0;
    const mostlyBiased = (count: number): Uint8Array => (calls++ === 0 ? biased(count) : new Uint8Array(count).fill(0));
    expect(generateInviteCode(mostlyBiased)).toBe('222222');
    expect(calls).toBe(2);
  });

  it('accepts what people type and says what is wrong otherwise', () => {
    expect(parseInviteCode(' abc-def ')).toEqual({ ok: true, value: 'ABCDEF' });
    expect(parseInviteCode('ABC')).toMatchObject({ ok: false, reason: expect.stringContaining('6 characters') });
    expect(parseInviteCode('ABCDE0')).toMatchObject({ ok: false, reason: expect.stringContaining('"0"') });
    expect(parseInviteCode(42)).toMatchObject({ ok: false });
  });
});

describe('routes', () => {
  it('reads the start page and invite links', () => {
    expect(parseRoute('/')).toEqual({ kind: 'home' });
    expect(parseRoute('/join/abcdef')).toEqual({ kind: 'join', code: 'ABCDEF' });
    expect(parseRoute('/join/ABCDEF/')).toEqual({ kind: 'join', code: 'ABCDEF' });
  });

  it('reports broken links instead of guessing', () => {
    expect(parseRoute('/join/ABC')).toMatchObject({ kind: 'bad-link' });
    expect(parseRoute('/join/%E0%A4%A')).toMatchObject({ kind: 'bad-link' });
    expect(parseRoute('/elsewhere')).toMatchObject({ kind: 'bad-link' });
  });

  it('builds the link a host shares', () => {
    expect(inviteLink('http://192.168.1.5:2567', 'ABCDEF')).toBe('http://192.168.1.5:2567/join/ABCDEF');
  });
});
