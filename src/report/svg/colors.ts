import type { Tone } from './bands.ts';

/** State colours, chosen to stay distinguishable for the common colour-vision deficiencies (blue/orange/red/grey). */
export const TONE_FILL: Record<Tone, string> = {
  good: '#2f9e5a',
  warn: '#e8a33a',
  bad: '#d93f3f',
  info: '#3b7dd8',
  neutral: '#9aa3ad',
};

/** Mark colour per lane; failures are always TONE_FILL.bad. */
export const LANE_FILL: Record<string, string> = {
  scenario: '#1f2933',
  git: '#8250df',
  registry: '#0f766e',
  'image-updater': '#b45309',
  application: '#1d4ed8',
  deployment: '#0369a1',
  pod: '#4b5563',
  node: '#57534e',
  service: '#0e7490',
  probe: '#7c3aed',
};

export const DEFAULT_FILL = '#4b5563';
