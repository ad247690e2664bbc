import { formatTime } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import { CONTAINER_START_MS, STAGE_JITTER } from '../defaults.ts';
import type { Stage, StageEnv, StageEvent } from '../engine/stage.ts';
import { containerId } from './container-ids.ts';
import { event } from './image-stages.ts';
import { active, needingImage, neverStarted, running, specOf, toRestart } from './pod-facts.ts';
import type { PodMemory } from './pod-memory.ts';
import { draftStatus, finish, setContainer } from './pod-status.ts';
import { type ContainerStatus, formatPod, type PodStatus } from './pod-types.ts';
import { runPlan } from './run-plan.ts';

/**
 * Containers start once every image is there (Created, Started), exit when their simulated process ends
 * (Job pods, crashing images), and are restarted with the kubelet's crash back-off: the first restart at once,
 * then 10 s, 20 s, 40 s … capped at 300 s, in CrashLoopBackOff meanwhile (K: pkg/kubelet/kuberuntime
 * kuberuntime_manager.go doBackOff, computePodActions).
 */
export function containerStages(): Stage<PodMemory>[] {
  return [
    {
      name: 'container-crashloop',
      kind: 'Pod',
      selector: (pod, env) => active(pod) && crashLooping(pod, env) !== undefined,
      next(pod, env) {
        const c = crashLooping(pod, env)!;
        const backoff = env.memory.crashBackoff.get(c.name);
        const status = draftStatus(pod);
        setContainer(status, {
          ...c,
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${backoff / 1000}s restarting failed container=${c.name} pod=${formatPod(pod)}`,
            },
          },
          lastState: { terminated: c.state.terminated! },
          ready: false,
          started: false,
        });
        return {
          status: finish(pod, status, env.now),
          events: [
            event(
              'Warning',
              'BackOff',
              `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`,
              c.name,
            ),
          ],
        };
      },
    },
    {
      name: 'container-restart',
      kind: 'Pod',
      selector: (pod) => active(pod) && toRestart(pod).length > 0,
      delay(pod, env) {
        const until = Math.min(...toRestart(pod).map((c) => restartAt(c, env)));
        return { ms: Math.max(0, until - env.now) };
      },
      next(pod, env) {
        const status = draftStatus(pod);
        const events: StageEvent[] = [];
        for (const c of toRestart(pod)) {
          if (restartAt(c, env) > env.now) continue;
          const exitedAt = env.memory.exitedAt.get(c.name) ?? env.now;
          env.memory.crashBackoff.next(c.name, exitedAt, env.now);
          const spec = specOf(pod, c.name);
          const last = c.state.terminated ?? c.lastState.terminated!;
          if (spec && (spec.imagePullPolicy ?? 'IfNotPresent') !== 'Always') {
            events.push(
              event('Normal', 'Pulled', `Container image "${spec.image}" already present on machine`, c.name),
            );
          }
          events.push(
            ...startContainer(pod, status, c.name, env, {
              lastState: { terminated: last },
              restartCount: c.restartCount + 1,
            }),
          );
        }
        return { status: finish(pod, status, env.now), events };
      },
    },
    {
      name: 'container-start',
      kind: 'Pod',
      selector: (pod, env) =>
        active(pod) &&
        neverStarted(pod).length > 0 &&
        needingImage(pod, env.memory) === undefined &&
        !env.memory.pulling,
      delay: { ms: CONTAINER_START_MS, jitterFraction: STAGE_JITTER },
      next(pod, env) {
        const status = draftStatus(pod);
        const events = neverStarted(pod).flatMap((c) =>
          startContainer(pod, status, c.name, env, { lastState: {}, restartCount: 0 }),
        );
        return { status: finish(pod, status, env.now), events };
      },
    },
    {
      name: 'container-exit',
      kind: 'Pod',
      selector: (pod, env) => active(pod) && nextExit(pod, env) !== undefined,
      delay: (pod, env) => ({ ms: Math.max(0, nextExit(pod, env)! - env.now) }),
      next(pod, env) {
        const status = draftStatus(pod);
        for (const c of running(pod)) {
          const at = exitAt(pod, c, env);
          if (at === undefined || at > env.now) continue;
          const plan = runPlan(pod, env.memory.images.get(c.name));
          env.memory.exitedAt.set(c.name, env.now);
          setContainer(status, {
            ...c,
            state: {
              terminated: {
                exitCode: plan.exitCode,
                reason: plan.exitCode === 0 ? 'Completed' : 'Error',
                startedAt: c.state.running!.startedAt,
                finishedAt: formatTime(env.now),
                containerID: c.containerID!,
              },
            },
            ready: false,
            started: false,
          });
        }
        return { status: finish(pod, status, env.now) };
      },
    },
  ];
}

function startContainer(
  pod: KubeObject,
  status: PodStatus,
  name: string,
  env: StageEnv<PodMemory>,
  history: Pick<ContainerStatus, 'lastState' | 'restartCount'>,
): StageEvent[] {
  const spec = specOf(pod, name)!;
  const image = env.memory.images.get(name);
  env.memory.startedAt.set(name, env.now);
  env.memory.probedAt.delete(name);
  env.memory.probeFailures.delete(name);
  setContainer(status, {
    name,
    state: { running: { startedAt: formatTime(env.now) } },
    lastState: history.lastState,
    // No readiness probe: ready as soon as it runs (K: pkg/kubelet/prober/prober_manager.go UpdatePodStatus).
    ready: !spec.readinessProbe,
    restartCount: history.restartCount,
    image: image?.image ?? spec.image,
    imageID: image?.imageID ?? '',
    containerID: containerId(env.random),
    started: true,
  });
  return [
    event('Normal', 'Created', `Created container: ${name}`, name),
    event('Normal', 'Started', `Started container ${name}`, name),
  ];
}

/** When a container that exited may start again: at once unless in back-off since its exit. */
function restartAt(c: ContainerStatus, env: StageEnv<PodMemory>): number {
  const exitedAt = env.memory.exitedAt.get(c.name) ?? env.now;
  const until = env.memory.crashBackoff.untilSince(c.name, exitedAt, env.now);
  return until > 0 ? until : env.now;
}

/** A just-exited container that must wait out a back-off before its restart. */
function crashLooping(pod: KubeObject, env: StageEnv<PodMemory>): ContainerStatus | undefined {
  return toRestart(pod).find((c) => c.state.terminated && restartAt(c, env) > env.now);
}

function exitAt(pod: KubeObject, c: ContainerStatus, env: StageEnv<PodMemory>): number | undefined {
  const plan = runPlan(pod, env.memory.images.get(c.name));
  if (plan.exitAfterMs === undefined) return undefined;
  const started = env.memory.startedAt.get(c.name) ?? Date.parse(c.state.running!.startedAt);
  return started + plan.exitAfterMs;
}

function nextExit(pod: KubeObject, env: StageEnv<PodMemory>): number | undefined {
  let next: number | undefined;
  for (const c of running(pod)) {
    const at = exitAt(pod, c, env);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}
