import { isPlainObject } from '../../kube/object.ts';

/**
 * Fields the sandbox implements, as a tree: `true` = a leaf (any value), an object = its known children, `[x]` = a
 * list whose items follow `x`. Anything else in `spec` is reported, never silently ignored (DESIGN: "unknown fields
 * are rejected with a clear condition").
 */
type Shape = true | { readonly [key: string]: Shape } | readonly [Shape];

const SOURCE: Shape = {
  repoURL: true,
  targetRevision: true,
  path: true,
  chart: true,
  ref: true,
  name: true,
  helm: {
    valueFiles: true,
    parameters: [{ name: true, value: true, forceString: true }],
    values: true,
    valuesObject: true,
    releaseName: true,
  },
  kustomize: { images: true },
  directory: { recurse: true, include: true, exclude: true },
};

const SPEC: Shape = {
  source: SOURCE,
  sources: [SOURCE],
  destination: { server: true, name: true, namespace: true },
  project: true,
  syncPolicy: {
    automated: { enabled: true, prune: true, selfHeal: true, allowEmpty: true },
    syncOptions: true,
    retry: { limit: true, backoff: { duration: true, factor: true, maxDuration: true } },
    managedNamespaceMetadata: { labels: true, annotations: true },
  },
  ignoreDifferences: [
    {
      group: true,
      kind: true,
      name: true,
      namespace: true,
      jsonPointers: true,
      jqPathExpressions: true,
      managedFieldsManagers: true,
    },
  ],
  revisionHistoryLimit: true,
  info: true,
};

/**
 * The `spec` fields of an Application that the sandbox does not implement, as paths such as `spec.source.plugin` or
 * `spec.sources[1].helm.fileParameters`, in document order. The controller puts them into an InvalidSpecError
 * condition. Empty when everything is supported.
 */
export function validateApplicationSpec(app: { spec?: unknown }): string[] {
  const unsupported: string[] = [];
  walk(app.spec, SPEC, 'spec', unsupported);
  return unsupported;
}

function walk(value: unknown, shape: Shape, path: string, out: string[]): void {
  if (shape === true || value === undefined || value === null) return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, shape[0] as Shape, `${path}[${i}]`, out);
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const known = shape as { readonly [key: string]: Shape };
  for (const [key, child] of Object.entries(value)) {
    const childShape = known[key];
    if (childShape === undefined) out.push(`${path}.${key}`);
    else walk(child, childShape, `${path}.${key}`, out);
  }
}

/** The InvalidSpecError condition message for unsupported fields. */
export function unsupportedFieldsMessage(fields: readonly string[]): string {
  return `the sandbox reconciler does not support ${fields.join(', ')}; remove ${fields.length === 1 ? 'it' : 'them'} or run real Argo CD (--reconciler argocd)`;
}
