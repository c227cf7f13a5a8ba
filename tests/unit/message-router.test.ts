import { describe, expect, it } from 'vitest';
import { MessageRouter } from '../../src/net/message-router.js';

describe('lobby connection message router', () => {
  it('holds messages that come before their handlers and delivers them in arrival order once registered', async () => {
    const router = new MessageRouter();
    const seen: string[] = [];
    router.on('welcome', () => seen.push('welcome'));
    router.deliver('welcome', {});
    router.deliver('member-joined', 'bob');
    router.deliver('member-left', 'bob');
    router.deliver('started', {});
    // The session registers its handlers a few awaits later, all at once.
    await Promise.resolve();
    router.on('member-left', (id) => seen.push(`left ${String(id)}`));
    router.on('member-joined', (id) => seen.push(`joined ${String(id)}`));
    router.deliver('member-joined', 'cy'); // arrives while the held ones wait: it must not overtake them
    await Promise.resolve();
    expect(seen).toEqual(['welcome', 'joined bob', 'left bob', 'joined cy']);
    router.deliver('member-left', 'cy'); // behind the held `started`, which nobody listens to yet
    await Promise.resolve();
    expect(seen.at(-1)).toBe('left cy');
  });

  it('drops the oldest held messages beyond its bound and counts them', () => {
    const router = new MessageRouter();
    for (let i = 0; i < 300; i += 1) router.deliver('nobody-listens', i);
    expect(router.dropped).toBe(44);
  });
});
