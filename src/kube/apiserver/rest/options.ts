import { badRequest } from '../api-error.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Options every write carries, read from the query string as the real API server reads them. */
export interface WriteOptions {
  dryRun: boolean;
  fieldManager: string;
  fieldValidation: FieldValidation;
  force: boolean;
}

export function writeOptions(query: URLSearchParams, userAgent: string | undefined): WriteOptions {
  const dryRun = query.getAll('dryRun');
  for (const value of dryRun) {
    if (value !== 'All') throw badRequest(`dryRun: Unsupported value: "${value}": supported values: "All"`);
  }
  const validation = query.get('fieldValidation') ?? 'Warn';
  if (validation !== 'Strict' && validation !== 'Warn' && validation !== 'Ignore') {
    throw badRequest(
      `fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  const fieldManager = query.get('fieldManager') ?? managerFromUserAgent(userAgent);
  if (fieldManager.length > 128) throw badRequest('fieldManager: Too long: may not be more than 128 bytes');
  return {
    dryRun: dryRun.length > 0,
    fieldManager,
    fieldValidation: validation,
    force: query.get('force') === 'true',
  };
}

/**
 * The default field manager: the User-Agent up to its first "/", as the API server derives it
 * (K: apiserver/pkg/endpoints/handlers/rest.go, prefixFromUserAgent).
 */
export function managerFromUserAgent(userAgent: string | undefined): string {
  if (!userAgent) return 'unknown';
  return userAgent.split('/')[0]!.slice(0, 128) || 'unknown';
}

export interface DeleteOptions {
  dryRun: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** DeleteOptions come in the body (kubectl) or the query string (client-node, curl); the body wins. */
export function deleteOptions(query: URLSearchParams, body: unknown): DeleteOptions {
  const fromBody = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const grace = fromBody['gracePeriodSeconds'] ?? numberOrUndefined(query.get('gracePeriodSeconds'));
  let propagation = (fromBody['propagationPolicy'] ?? query.get('propagationPolicy') ?? undefined) as
    | string
    | undefined;
  if (
    propagation === undefined &&
    (fromBody['orphanDependents'] === true || query.get('orphanDependents') === 'true')
  ) {
    propagation = 'Orphan';
  }
  if (propagation !== undefined && !['Background', 'Foreground', 'Orphan'].includes(propagation)) {
    throw badRequest(
      `propagationPolicy: Unsupported value: "${propagation}": supported values: "Background", "Foreground", "Orphan"`,
    );
  }
  const dryRun = [...((fromBody['dryRun'] as string[] | undefined) ?? []), ...query.getAll('dryRun')];
  const options: DeleteOptions = { dryRun: dryRun.includes('All') };
  if (typeof grace === 'number') {
    if (grace < 0) throw badRequest('gracePeriodSeconds: Invalid value: must be greater than or equal to 0');
    options.gracePeriodSeconds = grace;
  }
  if (propagation) options.propagationPolicy = propagation as PropagationPolicy;
  const preconditions = fromBody['preconditions'] as DeleteOptions['preconditions'];
  if (preconditions) options.preconditions = preconditions;
  return options;
}

function numberOrUndefined(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw badRequest(`gracePeriodSeconds: Invalid value: "${value}": must be an integer`);
  return n;
}
