export { abortError, type Clock, formatTime, microTime, rfc3339 } from './clock.ts';
export { ManualClock } from './manual-clock.ts';
export { freshSeed, Random } from './random.ts';
export { ScaledClock } from './scaled-clock.ts';
