import { describe, expect, it } from 'vitest';
import { JoinTimeline } from '../../src/view/join-timeline.js';

describe('join timeline', () => {
  it('keeps the first time of each moment, rounded to a millisecond', () => {
    let now = 10.4;
    const timeline = new JoinTimeline(() => now);
    timeline.mark('script');
    now = 250.6;
    timeline.mark('join-clicked');
    now = 900;
    timeline.mark('join-clicked'); // a second click does not move it
    timeline.mark('playing');
    expect(timeline.snapshot()).toEqual({ script: 10, 'join-clicked': 251, playing: 900 });
  });
});
