import type { Clock } from '../../../clock/index.ts';
import { backoffMs } from './backoff.ts';
import { PodHeap } from './pod-heap.ts';

/** K: DefaultPodMaxInUnschedulablePodsDuration and the 30 s flushUnschedulablePodsLeftover period. */
const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
const LEFTOVER_FLUSH_MS = 30_000;

type Where = 'active' | 'backoff' | 'unschedulable' | 'gated' | 'in-flight';

interface QueuedPod {
  key: string;
  priority: number;
  where: Where;
  attempts: number;
  /** When the last attempt failed; back-off counts from here. */
  failedAt: number;
  seq: number;
  /** A change arrived while the pod was being scheduled: its failure must not wait for another change. */
  changedInFlight: boolean;
  cancelTimer?: () => void;
}

export interface SchedulingQueueOptions {
  clock: Clock;
  signal: AbortSignal;
  /** Called when a pod becomes active, so the scheduler wakes up. */
  onActive: () => void;
}

/**
 * The scheduling queue (K: pkg/scheduler/backend/queue/scheduling_queue.go) in three parts: the active queue
 * (priority order), the back-off queue (pods that failed, waiting 1 s doubling to 10 s) and the unschedulable pods
 * (waiting for a cluster change: a node added or changed, a bound pod gone). A change moves unschedulable pods to
 * the active queue, or to back-off if theirs has not expired; pods left unschedulable for 5 minutes are retried
 * anyway. Gated pods (spec.schedulingGates) wait for their own update.
 */
export class SchedulingQueue {
  readonly #options: SchedulingQueueOptions;
  readonly #pods = new Map<string, QueuedPod>();
  readonly #heap = new PodHeap();
  #seq = 0;
  #started = false;

  constructor(options: SchedulingQueueOptions) {
    this.#options = options;
  }

  /** Starts the periodic retry of long-unschedulable pods. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const tick = () => {
      this.#flushLeftover();
      this.#options.clock.setTimer(LEFTOVER_FLUSH_MS, tick, this.#options.signal);
    };
    this.#options.clock.setTimer(LEFTOVER_FLUSH_MS, tick, this.#options.signal);
  }

  has(key: string): boolean {
    return this.#pods.has(key);
  }

  /** A pending pod appeared (or its gates were lifted): straight to the active queue unless gated. */
  add(key: string, options: { priority: number; gated: boolean }): void {
    const existing = this.#pods.get(key);
    if (existing) {
      existing.priority = options.priority;
      if (existing.where === 'gated' && !options.gated) this.#activate(existing);
      return;
    }
    const pod: QueuedPod = {
      key,
      priority: options.priority,
      where: 'gated',
      attempts: 0,
      failedAt: 0,
      seq: 0,
      changedInFlight: false,
    };
    this.#pods.set(key, pod);
    if (!options.gated) this.#activate(pod);
  }

  /** The pod itself changed in a way that may make it schedulable (K: podChangedNeedsQueueing). */
  podChanged(key: string, options: { priority: number; gated: boolean }): void {
    const pod = this.#pods.get(key);
    if (!pod) {
      this.add(key, options);
      return;
    }
    pod.priority = options.priority;
    if (options.gated) {
      this.#park(pod, 'gated');
      return;
    }
    if (pod.where === 'in-flight') pod.changedInFlight = true;
    if (pod.where === 'unschedulable' || pod.where === 'gated') this.#move(pod);
  }

  delete(key: string): void {
    const pod = this.#pods.get(key);
    if (!pod) return;
    pod.cancelTimer?.();
    this.#pods.delete(key);
  }

  /** The next pod to schedule, highest priority first; it stays known to the queue until done or failed. */
  pop(): string | undefined {
    for (;;) {
      const entry = this.#heap.pop();
      if (!entry) return undefined;
      const pod = this.#pods.get(entry.key);
      if (pod?.where !== 'active' || pod.seq !== entry.seq) continue;
      pod.where = 'in-flight';
      pod.changedInFlight = false;
      pod.attempts++;
      return pod.key;
    }
  }

  /** The attempt ended without binding: wait for a cluster change (unschedulable) or for back-off (error). */
  failed(key: string, outcome: 'unschedulable' | 'error'): void {
    const pod = this.#pods.get(key);
    if (!pod) return;
    pod.failedAt = this.#options.clock.now();
    if (outcome === 'unschedulable' && !pod.changedInFlight) this.#park(pod, 'unschedulable');
    else this.#backoff(pod);
  }

  /** The attempt found the pod not in need of scheduling (bound, gated, gone). */
  park(key: string, where: 'gated'): void {
    const pod = this.#pods.get(key);
    if (pod) this.#park(pod, where);
  }

  /** A cluster change that may let unschedulable pods fit (K: MoveAllToActiveOrBackoffQueue). */
  moveAllUnschedulable(): void {
    for (const pod of this.#pods.values()) {
      if (pod.where === 'unschedulable') this.#move(pod);
      else if (pod.where === 'in-flight') pod.changedInFlight = true;
    }
  }

  /** Counts by where the pods wait, for tests and diagnostics. */
  stats(): Record<Where, number> {
    const out: Record<Where, number> = { active: 0, backoff: 0, unschedulable: 0, gated: 0, 'in-flight': 0 };
    for (const pod of this.#pods.values()) out[pod.where]++;
    return out;
  }

  #move(pod: QueuedPod): void {
    const remaining = pod.attempts === 0 ? 0 : pod.failedAt + backoffMs(pod.attempts) - this.#options.clock.now();
    if (remaining > 0) this.#backoff(pod);
    else this.#activate(pod);
  }

  #backoff(pod: QueuedPod): void {
    pod.cancelTimer?.();
    pod.where = 'backoff';
    const due = pod.failedAt + backoffMs(pod.attempts) - this.#options.clock.now();
    pod.cancelTimer = this.#options.clock.setTimer(Math.max(0, due), () => this.#activate(pod), this.#options.signal);
  }

  #park(pod: QueuedPod, where: 'unschedulable' | 'gated'): void {
    pod.cancelTimer?.();
    pod.cancelTimer = undefined;
    pod.where = where;
  }

  #activate(pod: QueuedPod): void {
    if (this.#pods.get(pod.key) !== pod) return;
    pod.cancelTimer?.();
    pod.cancelTimer = undefined;
    pod.where = 'active';
    pod.seq = ++this.#seq;
    this.#heap.push({ key: pod.key, priority: pod.priority, since: this.#options.clock.now(), seq: pod.seq });
    this.#options.onActive();
  }

  #flushLeftover(): void {
    const now = this.#options.clock.now();
    for (const pod of this.#pods.values()) {
      if (pod.where === 'unschedulable' && now - pod.failedAt >= MAX_UNSCHEDULABLE_MS) this.#move(pod);
    }
  }
}
