import type { Random } from '../../../clock/index.ts';

/** containerd://<64 hex>, drawn from the seeded source so golden runs are reproducible. */
export function containerId(random: Random): string {
  let hex = '';
  for (let i = 0; i < 64; i++) hex += random.int(16).toString(16);
  return `containerd://${hex}`;
}
