import type { Random } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';

/** How long after an object starts matching a stage the stage fires: `ms` plus up to `jitterFraction` × ms. */
export interface Delay {
  ms: number;
  jitterFraction?: number;
}

export interface StageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** e.g. `spec.containers{web}` for container events, as the kubelet sets it. */
  fieldPath?: string;
}

/** What a stage does: the object's new status (or Lease spec), a deletion, events. The engine does the writes. */
export interface StageNext {
  status?: Record<string, unknown>;
  spec?: Record<string, unknown>;
  /** Delete with grace 0 (the kubelet finishing a graceful pod deletion). */
  delete?: boolean;
  events?: StageEvent[];
}

/** What stages see besides the object: the time, the seeded random source, and the agent's in-memory state. */
export interface StageEnv<M> {
  now: number;
  random: Random;
  /** Per-object state the real kubelet also keeps only in memory (pull and crash back-offs, pulled images). */
  memory: M;
}

/**
 * One transition as data, kwok-style: which objects it applies to (`kind` + `selector`), when (`delay`, fixed with
 * jitter or computed from the object, e.g. a probe's initial delay or a back-off), and what it changes (`next`).
 * Stages are pure functions of (object, env) except that `next` may update `env.memory`.
 */
export interface Stage<M = unknown> {
  name: string;
  kind: string;
  selector(object: KubeObject, env: StageEnv<M>): boolean;
  delay?: Delay | ((object: KubeObject, env: StageEnv<M>) => Delay);
  next(object: KubeObject, env: StageEnv<M>): StageNext | Promise<StageNext>;
}

/** A profile: ordered stages; for each object the first whose selector matches is the one scheduled. */
export type Profile<M> = readonly Stage<M>[];

/** One firing, for traces and golden tests. */
export interface StageFiring {
  stage: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Simulated time of the firing, in ms since the epoch. */
  at: number;
}
