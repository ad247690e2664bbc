import type { KubeObject } from '../../object.ts';
import { CRASH, EXIT_CODE, PULL_SECONDS, READINESS, RUN_SECONDS, SIGTERM_SECONDS } from '../conventions.ts';
import {
  DEFAULT_CRASH_RUN_SECONDS,
  DEFAULT_GRACE_SECONDS,
  DEFAULT_JOB_RUN_SECONDS,
  DEFAULT_SIGTERM_EXIT_SECONDS,
  PULL_MS,
} from '../defaults.ts';
import type { PulledImage } from './pod-memory.ts';
import { podSpec } from './pod-types.ts';

/** What the simulated process in a container does, read from pod annotations, then image config labels. */
export interface RunPlan {
  /** ms after start at which the process exits on its own; undefined: it runs until stopped. */
  exitAfterMs?: number;
  exitCode: number;
  /** ms the process takes to exit after SIGTERM. */
  sigtermMs: number;
}

export function runPlan(pod: KubeObject, image: PulledImage | undefined): RunPlan {
  const read = (key: string): string | undefined => pod.metadata.annotations?.[key] ?? image?.labels[key];
  const crashing = read(CRASH) === 'true';
  const runToCompletion = (podSpec(pod).restartPolicy ?? 'Always') !== 'Always';
  const run = seconds(read(RUN_SECONDS));
  const runSeconds =
    run ?? (crashing ? DEFAULT_CRASH_RUN_SECONDS : runToCompletion ? DEFAULT_JOB_RUN_SECONDS : undefined);
  const code = Number.parseInt(read(EXIT_CODE) ?? '', 10);
  return {
    ...(runSeconds === undefined ? {} : { exitAfterMs: runSeconds * 1000 }),
    exitCode: Number.isInteger(code) ? code : crashing ? 1 : 0,
    sigtermMs: (seconds(read(SIGTERM_SECONDS)) ?? DEFAULT_SIGTERM_EXIT_SECONDS) * 1000,
  };
}

/** A crashing process (pod annotation or image label `gitops-sandbox.io/crash`) never answers its readiness probe. */
export function crashes(pod: KubeObject, image: PulledImage | undefined): boolean {
  return (pod.metadata.annotations?.[CRASH] ?? image?.labels[CRASH]) === 'true';
}

export function readinessFails(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[READINESS] === 'fail';
}

export function pullMs(pod: KubeObject): number {
  return (seconds(pod.metadata.annotations?.[PULL_SECONDS]) ?? PULL_MS / 1000) * 1000;
}

/** The grace period the kubelet gives containers: the deletion's, else the spec's (K: pkg/kubelet/pod_workers.go). */
export function gracePeriodMs(pod: KubeObject): number {
  const grace =
    pod.metadata.deletionGracePeriodSeconds ?? podSpec(pod).terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  // A grace of 0 is still given 2 s by the kubelet's minimum (K: pkg/kubelet/kuberuntime minimumGracePeriodInSeconds).
  return Math.max(grace, 2) * 1000;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
