/**
 * The simulation rate of every game: fixed, so the host's result does not depend on its frame
 * rate and a successor continues the same timeline.
 */
export const TICK_RATE = 60;
export const TICK_SECONDS = 1 / TICK_RATE;
export const TICK_MS = 1000 / TICK_RATE;
