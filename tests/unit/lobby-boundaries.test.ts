import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineStyleHashes } from '../../server/http/security-headers.js';

describe('CSP hashes of a page\'s inline styles', () => {
  it('hashes each <style> element\'s text exactly', () => {
    const css = '.play{display:flex}\n#arena{width:100%}';
    const expected = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    expect(inlineStyleHashes(`<head><style>${css}</style><style></style></head>`)).toEqual([expected, `'sha256-${createHash('sha256').update('').digest('base64')}'`]);
    expect(inlineStyleHashes('<link rel="stylesheet" href="/a.css">')).toEqual([]);
  });
});
