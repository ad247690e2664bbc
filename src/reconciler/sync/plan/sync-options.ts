import { SyncPlanError } from './errors.ts';

export type PropagationPolicy = 'foreground' | 'background' | 'orphan';
export type DeletionOption = 'true' | 'false' | 'confirm';

/** App-level `spec.syncPolicy.syncOptions` (or an operation's), parsed. Defaults are Argo CD's. */
export interface AppSyncOptions {
  createNamespace: boolean;
  pruneLast: boolean;
  applyOutOfSyncOnly: boolean;
  replace: boolean;
  serverSideApply: boolean;
  validate: boolean;
  prunePropagationPolicy: PropagationPolicy;
  respectIgnoreDifferences: boolean;
  skipDryRunOnMissingResource: boolean;
  failOnSharedResource: boolean;
  prune: DeletionOption;
  delete: DeletionOption;
}

export const DEFAULT_SYNC_OPTIONS: Readonly<AppSyncOptions> = {
  createNamespace: false,
  pruneLast: false,
  applyOutOfSyncOnly: false,
  replace: false,
  serverSideApply: false,
  validate: true,
  prunePropagationPolicy: 'foreground',
  respectIgnoreDifferences: false,
  skipDryRunOnMissingResource: false,
  failOnSharedResource: false,
  prune: 'true',
  delete: 'true',
};

type BooleanKey = {
  [K in keyof AppSyncOptions]: AppSyncOptions[K] extends boolean ? K : never;
}[keyof AppSyncOptions];

const BOOLEAN_OPTIONS: Record<string, BooleanKey> = {
  CreateNamespace: 'createNamespace',
  PruneLast: 'pruneLast',
  ApplyOutOfSyncOnly: 'applyOutOfSyncOnly',
  Replace: 'replace',
  ServerSideApply: 'serverSideApply',
  Validate: 'validate',
  RespectIgnoreDifferences: 'respectIgnoreDifferences',
  SkipDryRunOnMissingResource: 'skipDryRunOnMissingResource',
  FailOnSharedResource: 'failOnSharedResource',
};
const VALUED_OPTIONS: Record<string, readonly string[]> = {
  PrunePropagationPolicy: ['foreground', 'background', 'orphan'],
  Prune: ['true', 'false', 'confirm'],
  Delete: ['true', 'false', 'confirm'],
};
const KNOWN = [...Object.keys(BOOLEAN_OPTIONS), ...Object.keys(VALUED_OPTIONS)];

/**
 * Parses app-level sync options (`user-guide/sync-options.md`, gitops-engine sync/common/types.go). Argo CD silently
 * ignores an option it does not know — a typo such as `createNamespace=true` then does nothing; the sandbox refuses
 * instead, listing every bad entry and the spelling it expected. Later entries win over earlier ones.
 */
export function parseSyncOptions(options: readonly string[] = []): AppSyncOptions {
  const parsed: AppSyncOptions = { ...DEFAULT_SYNC_OPTIONS };
  const unknown: string[] = [];
  const invalid: string[] = [];
  for (const raw of options) {
    const entry = raw.trim();
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    const booleanKey = BOOLEAN_OPTIONS[name];
    if (booleanKey) {
      if (value === 'true' || value === 'false') parsed[booleanKey] = value === 'true';
      else invalid.push(`${JSON.stringify(raw)} (expected ${name}=true or ${name}=false)`);
      continue;
    }
    const allowed = VALUED_OPTIONS[name];
    if (allowed) {
      if (!allowed.includes(value)) {
        invalid.push(`${JSON.stringify(raw)} (expected ${name}=${allowed.join('|')})`);
      } else if (name === 'PrunePropagationPolicy') parsed.prunePropagationPolicy = value as PropagationPolicy;
      else if (name === 'Prune') parsed.prune = value as DeletionOption;
      else parsed.delete = value as DeletionOption;
      continue;
    }
    const hint = KNOWN.find((known) => known.toLowerCase() === name.toLowerCase());
    unknown.push(hint ? `${JSON.stringify(raw)} (did you mean ${hint}?)` : JSON.stringify(raw));
  }
  if (unknown.length > 0 || invalid.length > 0) {
    const problems = [
      ...(unknown.length > 0
        ? [`unknown sync option(s) ${unknown.join(', ')}; supported: ${KNOWN.join(', ')} (names are case-sensitive)`]
        : []),
      ...(invalid.length > 0 ? [`invalid sync option value(s) ${invalid.join(', ')}`] : []),
    ];
    throw new SyncPlanError(unknown.length > 0 ? 'SYNC_OPTION_UNKNOWN' : 'SYNC_OPTION_INVALID', problems.join('; '));
  }
  return parsed;
}
