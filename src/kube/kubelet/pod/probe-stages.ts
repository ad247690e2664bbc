import type { KubeObject } from '../../object.ts';
import { DEFAULT_PROBE_PERIOD_SECONDS } from '../defaults.ts';
import type { Stage, StageEnv, StageEvent } from '../engine/stage.ts';
import { event } from './image-stages.ts';
import { active, running, specOf } from './pod-facts.ts';
import type { PodMemory } from './pod-memory.ts';
import { draftStatus, finish, setContainer } from './pod-status.ts';
import type { ContainerStatus, Probe } from './pod-types.ts';
import { crashes, readinessFails } from './run-plan.ts';

/**
 * Readiness probes as the kubelet's prober workers run them (K: pkg/kubelet/prober/worker.go): the first probe right
 * when the container starts, then every periodSeconds; probes before initialDelaySeconds count as not ready. So a
 * container with initialDelaySeconds 5 and periodSeconds 10 becomes ready 10 s after it started. A probe annotated to
 * fail records Unhealthy each period, and a ready container goes unready after failureThreshold failures.
 */
export function probeStages(): Stage<PodMemory>[] {
  return [
    {
      name: 'readiness-probe-succeeded',
      kind: 'Pod',
      selector: (pod, env) => active(pod) && !readinessFails(pod) && servingUnready(pod, env).length > 0,
      delay: (pod, env) => ({ ms: Math.max(0, earliestProbe(pod, servingUnready(pod, env), env) - env.now) }),
      next(pod, env) {
        const status = draftStatus(pod);
        for (const c of servingUnready(pod, env)) {
          if (nextProbe(pod, c, env) > env.now) continue;
          env.memory.probedAt.set(c.name, env.now);
          setContainer(status, { ...c, ready: true });
        }
        return { status: finish(pod, status, env.now) };
      },
    },
    {
      name: 'readiness-probe-failed',
      kind: 'Pod',
      selector: (pod) => active(pod) && readinessFails(pod) && probed(pod).length > 0,
      delay: (pod, env) => ({ ms: Math.max(0, earliestProbe(pod, probed(pod), env) - env.now) }),
      next(pod, env) {
        const status = draftStatus(pod);
        const events: StageEvent[] = [];
        let changed = false;
        for (const c of probed(pod)) {
          if (nextProbe(pod, c, env) > env.now) continue;
          env.memory.probedAt.set(c.name, env.now);
          const probe = readinessProbe(pod, c)!;
          events.push(event('Warning', 'Unhealthy', `Readiness probe failed: ${failureOutput(probe)}`, c.name));
          const failures = (env.memory.probeFailures.get(c.name) ?? 0) + 1;
          env.memory.probeFailures.set(c.name, failures);
          // K: pkg/apis/core/v1/defaults.go failureThreshold 3.
          if (c.ready && failures >= (probe.failureThreshold ?? 3)) {
            setContainer(status, { ...c, ready: false });
            changed = true;
          }
        }
        return changed ? { status: finish(pod, status, env.now), events } : { events };
      },
    },
  ];
}

function readinessProbe(pod: KubeObject, c: ContainerStatus): Probe | undefined {
  return specOf(pod, c.name)?.readinessProbe;
}

function probed(pod: KubeObject): ContainerStatus[] {
  return running(pod).filter((c) => readinessProbe(pod, c) !== undefined);
}

/** Unready probed containers whose process answers its probe (a crashing one never does). */
function servingUnready(pod: KubeObject, env: StageEnv<PodMemory>): ContainerStatus[] {
  return probedUnready(pod).filter((c) => !crashes(pod, env.memory.images.get(c.name)));
}

function probedUnready(pod: KubeObject): ContainerStatus[] {
  return probed(pod).filter((c) => !c.ready);
}

/** The next probe tick: startedAt + k × period, not before initialDelaySeconds, after the last probe. */
function nextProbe(pod: KubeObject, c: ContainerStatus, env: StageEnv<PodMemory>): number {
  const probe = readinessProbe(pod, c)!;
  const period = (probe.periodSeconds ?? DEFAULT_PROBE_PERIOD_SECONDS) * 1000;
  const started = env.memory.startedAt.get(c.name) ?? Date.parse(c.state.running!.startedAt);
  const notBefore = started + (probe.initialDelaySeconds ?? 0) * 1000;
  const last = env.memory.probedAt.get(c.name);
  let k = Math.max(0, Math.ceil((notBefore - started) / period));
  if (last !== undefined) k = Math.max(k, Math.floor((last - started) / period) + 1);
  return started + k * period;
}

function earliestProbe(pod: KubeObject, containers: ContainerStatus[], env: StageEnv<PodMemory>): number {
  return Math.min(...containers.map((c) => nextProbe(pod, c, env)));
}

/** What the prober reports for a failing probe of each handler type (K: pkg/probe/http, tcp, exec). */
function failureOutput(probe: Probe): string {
  if (probe.httpGet) return 'HTTP probe failed with statuscode: 503';
  if (probe.tcpSocket) return `dial tcp: connect: connection refused`;
  if (probe.grpc) return 'service unhealthy (responded with "NOT_SERVING")';
  return 'command terminated with non-zero exit code: exit status 1';
}
