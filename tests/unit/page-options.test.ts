import { describe, expect, it } from 'vitest';
import { parseIcePolicy } from '../../src/view/ice-policy.js';
import { isSoftwareRenderer } from '../../src/view/renderer-choice.js';

describe('software WebGL detection', () => {
  it.each([
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'Mesa softpipe',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
  ])('treats %s as software', (name) => {
    expect(isSoftwareRenderer(name)).toBe(true);
  });

  it.each([
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'Apple M2',
    'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
    'Adreno (TM) 650',
  ])('treats %s as a GPU', (name) => {
    expect(isSoftwareRenderer(name)).toBe(false);
  });
});

describe('ICE policy from the page address', () => {
  it('defaults to all candidates, accepts relay, and refuses anything else with a reason', () => {
    expect(parseIcePolicy('')).toEqual({ ok: true, value: 'all' });
    expect(parseIcePolicy('?ice=relay&renderer=canvas')).toEqual({ ok: true, value: 'relay' });
    expect(parseIcePolicy('?ice=turn')).toMatchObject({ ok: false, reason: expect.stringContaining('?ice=relay') });
  });
});
