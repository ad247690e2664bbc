import type { KubeConfig } from '@kubernetes/client-node';
import type { Clock, Random } from '../../clock/index.ts';
import type { ClusterClient } from '../cluster/index.ts';
import type { CredentialsLookup } from '../repo/index.ts';
import type { WebhookSecrets } from '../webhook/index.ts';
import type { LogSink } from './log.ts';
import type { ControllerEngines } from './ports.ts';

export interface SelfHealBackoff {
  initialMs: number;
  factor: number;
  capMs: number;
  /**
   * After a successful sync older than this, the attempts count starts again at 0 (argo-cd `shouldSelfHeal`,
   * `--self-heal-backoff-cooldown-seconds`, 330 s by default).
   */
  cooldownMs: number;
}

export interface ControllerSettings {
  /** `timeout.reconciliation` (Argo CD 3: 120 s); 0 disables polling. */
  pollIntervalMs?: number;
  /** `timeout.reconciliation.jitter` (Argo CD 3: 60 s): up to this much is added per app, from the seeded random. */
  pollJitterMs?: number;
  /** `--self-heal-backoff-*`: 2 s, factor 3, cap 300 s. */
  selfHealBackoff?: Partial<SelfHealBackoff>;
  /** The push receiver; omitted = listen on 127.0.0.1 on a free port with no secrets. `false` = no server. */
  webhook?: false | { port?: number; host?: string; secrets?: WebhookSecrets; maxPayloadBytes?: number };
  /** Field manager of server-side apply and dry runs (Argo CD: `argocd-controller`). */
  fieldManager?: string;
  /** How often a running operation is stepped when nothing else wakes it (gitops-engine requeue: 1 s). */
  operationStepMs?: number;
  /** Default revisionHistoryLimit (10). */
  revisionHistoryLimit?: number;
}

export interface AppControllerOptions {
  client: ClusterClient;
  kubeconfig: KubeConfig;
  clock: Clock;
  random: Random;
  /** The control-plane namespace whose Applications are reconciled (`argocd`). */
  namespace?: string;
  /** Git mirrors and commit trees (RepoCache). */
  cacheDir: string;
  gitCredentials?: CredentialsLookup;
  settings?: ControllerSettings;
  /** Structured logs: true = JSON lines on stderr; a function receives each entry. Default: none. */
  log?: boolean | LogSink;
  /** The live-state cache, differ and sync engine; defaults to src/reconciler/{live,diff,sync/engine}. */
  engines?: ControllerEngines;
  signal?: AbortSignal;
}

export interface ResolvedSettings {
  pollIntervalMs: number;
  pollJitterMs: number;
  selfHealBackoff: SelfHealBackoff;
  fieldManager: string;
  operationStepMs: number;
  revisionHistoryLimit: number;
}

export function resolveSettings(settings: ControllerSettings = {}): ResolvedSettings {
  return {
    pollIntervalMs: settings.pollIntervalMs ?? 120_000,
    pollJitterMs: settings.pollJitterMs ?? 60_000,
    selfHealBackoff: {
      initialMs: settings.selfHealBackoff?.initialMs ?? 2_000,
      factor: settings.selfHealBackoff?.factor ?? 3,
      capMs: settings.selfHealBackoff?.capMs ?? 300_000,
      cooldownMs: settings.selfHealBackoff?.cooldownMs ?? 330_000,
    },
    fieldManager: settings.fieldManager ?? 'argocd-controller',
    operationStepMs: settings.operationStepMs ?? 1_000,
    revisionHistoryLimit: settings.revisionHistoryLimit ?? 10,
  };
}
