import { messageOf } from '../../errors.ts';
import type { Application } from '../application/index.ts';
import { ManifestCache } from '../render/index.ts';
import { RepoCache } from '../repo/index.ts';
import { appInstanceName } from '../tracking/index.ts';
import { matchApplication, type PushEvent } from '../webhook/index.ts';
import { type AppInformer, startAppInformer } from './app-informer.ts';
import type { AppRecord, ControllerContext } from './context.ts';
import { finalizeDeletion } from './deletion.ts';
import { defaultEngines } from './engines.ts';
import { ControllerError } from './errors.ts';
import { AppEvents } from './events.ts';
import { createLogger } from './log.ts';
import { runOperation } from './operation-runner.ts';
import { type AppControllerOptions, resolveSettings } from './options.ts';
import { refreshApp } from './refresh.ts';
import { nextPollAt, REFRESH_ANNOTATION, refreshOnUpdate } from './refresh-triggers.ts';
import { AppWriter } from './status-writer.ts';
import { type StartedWebhookServer, startWebhookServer } from './webhook-server.ts';
import { atLeast, maxLevel, type RefreshLevel, WorkQueue } from './work-queue.ts';

export interface StartedAppController extends AsyncDisposable {
  /** `http://127.0.0.1:PORT/api/webhook`; undefined when the webhook receiver is off. */
  webhookUrl: string | undefined;
  namespace: string;
  /** Refresh an app now, as `argocd app get --refresh` (`hard`: bypass the manifest cache). */
  refresh(appName: string, hard?: boolean): void;
  /** Resolves when no app is queued or being reconciled (for tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The application controller (argo-cd controller/appcontroller.go): watches the Applications of one namespace and
 * reconciles each through one keyed work queue — refresh (compare, health, status), auto-sync gates, and the
 * operation state machine — woken by the watch, the refresh annotation, polling with jitter, managed-object changes
 * from the live-state cache, and push webhooks. Everything it touches is reached over the Kubernetes API and git.
 */
export async function startAppController(options: AppControllerOptions): Promise<StartedAppController> {
  const lifetime = new AbortController();
  const signal = lifetime.signal;
  const onOuterAbort = () => lifetime.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const teardown: (() => Promise<void> | void)[] = [
    () => options.signal?.removeEventListener('abort', onOuterAbort),
    () => lifetime.abort(),
  ];
  const close = async () => {
    while (teardown.length > 0) await teardown.pop()!();
  };
  try {
    const namespace = options.namespace ?? 'argocd';
    const settings = resolveSettings(options.settings);
    const { client, clock, random } = options;
    const log = createLogger({ clock, ...(options.log !== undefined ? { sink: options.log } : {}) });
    const events = new AppEvents({ client, clock, random, log });
    const writer = new AppWriter({ client, events, log });
    const engines = options.engines ?? defaultEngines();
    const records = new Map<string, AppRecord>();
    const timers = new Map<string, () => void>();
    const byInstance = new Map<string, string>();

    const queue = new WorkQueue({
      process: (name, level) => reconcile(name, level),
      onError: (name, error) => {
        if (signal.aborted) return;
        log.error('reconcile failed; retrying in 5 s', { application: name, error: messageOf(error) });
        enqueueAfter(name, 'operation', 5_000, 'latest');
      },
    });
    teardown.push(() => queue.close());
    const enqueue = (name: string, level: RefreshLevel) => queue.add(name, level);
    const enqueueAfter: ControllerContext['enqueueAfter'] = (name, purpose, ms, level) => {
      const key = `${name}\u0000${purpose}`;
      timers.get(key)?.();
      timers.set(
        key,
        clock.setTimer(
          Math.max(0, ms),
          () => {
            timers.delete(key);
            enqueue(name, level);
          },
          signal,
        ),
      );
    };
    teardown.push(() => {
      for (const cancel of timers.values()) cancel();
      timers.clear();
    });

    const live = engines.createLiveState({
      client,
      kubeconfig: options.kubeconfig,
      clock,
      signal,
      onChange: (instance) => {
        const name = instance === undefined ? undefined : byInstance.get(instance);
        if (!name) return;
        // A managed object changed: compare again at the last revision (self-heal hears drift here), and give a
        // running sync its next step at once.
        enqueue(name, 'recent');
      },
    });

    const ctx: ControllerContext = {
      client,
      clock,
      random,
      namespace,
      repo: new RepoCache({
        cacheDir: options.cacheDir,
        clock,
        signal,
        ...(options.gitCredentials ? { credentials: options.gitCredentials } : {}),
      }),
      manifests: new ManifestCache({ clock }),
      engines,
      live,
      settings,
      log,
      events,
      writer,
      enqueue,
      enqueueAfter,
      signal,
    };

    const schedulePoll = (record: AppRecord) => {
      const due = nextPollAt({
        reconciledAt: record.app.status?.reconciledAt,
        now: clock.now(),
        intervalMs: settings.pollIntervalMs,
        jitterMs: settings.pollJitterMs,
        random: () => random.next(),
      });
      if (due !== undefined) enqueueAfter(record.name, 'poll', due - clock.now(), 'latest');
    };

    async function reconcile(name: string, level: RefreshLevel): Promise<void> {
      const record = records.get(name);
      if (!record || signal.aborted) return;
      if (record.app.metadata.deletionTimestamp) {
        await finalizeDeletion(ctx, record);
        return;
      }
      // As argo-cd, the app is compared while an operation runs too (auto-sync then waits for it).
      if (atLeast(level, 'recent')) {
        await refreshApp(ctx, record, level);
        if (atLeast(level, 'latest')) schedulePoll(record);
      }
      if (record.app.operation || record.app.status?.operationState?.phase === 'Terminating' || record.run) {
        await runOperation(ctx, record);
      }
    }

    const upsert = (app: Application, previous: Application | undefined) => {
      const name = app.metadata.name!;
      let record = records.get(name);
      const instance = appInstanceName({ name, namespace: app.metadata.namespace ?? namespace }, namespace);
      if (!record) {
        record = { name, app, instance };
        records.set(name, record);
        byInstance.set(instance, name);
        const level = maxLevel(refreshOnUpdate(app, undefined), 'recent');
        enqueue(name, level);
        if (level !== 'latest' && level !== 'hard') schedulePoll(record);
        return;
      }
      if (newer(app, record.app)) record.app = app;
      const level = refreshOnUpdate(app, previous);
      if (level) enqueue(name, level);
    };
    const informer: AppInformer = await startAppInformer({
      kubeconfig: options.kubeconfig,
      namespace,
      clock,
      log,
      signal,
      handlers: {
        upsert,
        remove: (app) => {
          const name = app.metadata.name!;
          const record = records.get(name);
          records.delete(name);
          if (record) byInstance.delete(record.instance);
          for (const purpose of ['poll', 'self-heal', 'operation']) timers.get(`${name}\u0000${purpose}`)?.();
          record?.run?.sync.terminate();
        },
      },
    });
    teardown.push(() => informer.stop());

    const onPush = (push: PushEvent) => {
      for (const record of records.values()) {
        if (!matchApplication(record.app, push).refresh) continue;
        log.info('webhook refresh', { application: record.name, revision: push.revision });
        enqueue(record.name, 'latest');
      }
    };
    let webhook: StartedWebhookServer | undefined;
    if (options.settings?.webhook !== false) {
      const hook = options.settings?.webhook ?? {};
      webhook = await startWebhookServer({
        log,
        onPush,
        ...(hook.host ? { host: hook.host } : {}),
        ...(hook.port !== undefined ? { port: hook.port } : {}),
        ...(hook.secrets ? { secrets: hook.secrets } : {}),
        ...(hook.maxPayloadBytes ? { maxPayloadBytes: hook.maxPayloadBytes } : {}),
      });
      teardown.push(() => webhook!.close());
    }
    log.info('application controller started', { namespace, webhookUrl: webhook?.url });

    return {
      webhookUrl: webhook?.url,
      namespace,
      refresh(appName, hard = false) {
        if (!records.has(appName)) {
          throw new ControllerError(
            'CONTROLLER_APP_NOT_FOUND',
            `application ${namespace}/${appName} not found; list them with \`kubectl get applications -n ${namespace}\``,
          );
        }
        enqueue(appName, hard ? 'hard' : 'latest');
      },
      idle: () => queue.drained(),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Resource versions are opaque, but only the newer of two versions of one object may replace the other. */
function newer(candidate: Application, current: Application): boolean {
  const a = Number(candidate.metadata.resourceVersion);
  const b = Number(current.metadata.resourceVersion);
  return !(Number.isFinite(a) && Number.isFinite(b)) || a >= b;
}

export { REFRESH_ANNOTATION };
