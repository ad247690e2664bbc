/**
 * Calls `fn` `count` times in batches of 1, 2, 4, … and stops after the first batch with a failure, so a template
 * that cannot be created (quota, admission) costs one request instead of hundreds
 * (K: pkg/controller/replicaset/replica_set.go slowStartBatch, SlowStartInitialBatchSize 1).
 * Every call of a batch runs; returns how many succeeded and the first error.
 */
export function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => void,
): { successes: number; error: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    let failed = false;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (!failed) error = e;
        failed = true;
      }
    }
    if (failed) return { successes, error };
    remaining -= batch;
  }
  return { successes, error: undefined };
}
