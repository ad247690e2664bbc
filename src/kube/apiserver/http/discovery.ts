import { groupVersion, type ResourceType } from '../resources/resource-type.ts';
import type { ResourceTypes } from '../resources/resource-types.ts';

/** What each subresource answers with and which verbs it takes, as a v1.32 server publishes it. */
const SUBRESOURCES: Record<string, { group?: string; version?: string; kind?: string; verbs: string[] }> = {
  status: { verbs: ['get', 'patch', 'update'] },
  scale: { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
  binding: { group: '', version: 'v1', kind: 'Binding', verbs: ['create'] },
  eviction: { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
  finalize: { verbs: ['update'] },
};

function subresourceInfo(type: ResourceType, name: string) {
  const info = SUBRESOURCES[name] ?? { verbs: ['get'] };
  return {
    group: info.group ?? type.group,
    version: info.version ?? type.version,
    kind: info.kind ?? type.kind,
    verbs: info.verbs,
  };
}

/** GET /api */
export function legacyVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** GET /apis: every group with its versions; the preferred version is the first (highest) one. */
export function groupList(types: ResourceTypes) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups(types).map(apiGroup) };
}

export function apiGroup({ name, versions }: { name: string; versions: string[] }) {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name, versions: entries, preferredVersion: entries[0] };
}

export function groups(types: ResourceTypes): { name: string; versions: string[] }[] {
  const byGroup = new Map<string, string[]>();
  for (const { group, version } of types.groupVersions()) {
    if (group === '') continue;
    const versions = byGroup.get(group) ?? [];
    if (!versions.includes(version)) versions.push(version);
    byGroup.set(group, versions);
  }
  return [...byGroup.entries()].map(([name, versions]) => ({ name, versions: versions.sort(compareVersions) }));
}

/** GET /api/v1 or /apis/{group}/{version}: the APIResourceList, subresources as "plural/sub" entries. */
export function resourceList(types: ResourceTypes, group: string, version: string) {
  const resources = types
    .all()
    .filter((t) => t.group === group && t.version === version)
    .flatMap((t) => [
      {
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
        ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
        ...(t.categories.length > 0 ? { categories: t.categories } : {}),
      },
      ...t.subresources.map((sub) => {
        const info = subresourceInfo(t, sub);
        return {
          name: `${t.plural}/${sub}`,
          singularName: '',
          namespaced: t.namespaced,
          ...(info.group !== t.group || info.version !== t.version ? { group: info.group, version: info.version } : {}),
          kind: info.kind,
          verbs: info.verbs,
        };
      }),
    ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

/**
 * Aggregated discovery (apidiscovery.k8s.io v2 / v2beta1): all groups, versions and resources in one document,
 * which kubectl 1.27+ asks for first. `legacy` answers /api (the core group, named "").
 */
export function aggregatedDiscovery(types: ResourceTypes, legacy: boolean, apiVersion: string) {
  const items = legacy ? [{ name: '', versions: ['v1'] }] : groups(types);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion,
    metadata: {},
    items: items.map(({ name, versions }) => ({
      metadata: { name },
      versions: versions.map((version) => ({
        version,
        resources: types
          .all()
          .filter((t) => t.group === name && t.version === version)
          .map((t) => ({
            resource: t.plural,
            responseKind: { group: t.group, version: t.version, kind: t.kind },
            scope: t.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: t.singular,
            verbs: t.verbs,
            ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
            ...(t.categories.length > 0 ? { categories: t.categories } : {}),
            ...(t.subresources.length > 0
              ? {
                  subresources: t.subresources.map((sub) => {
                    const info = subresourceInfo(t, sub);
                    return {
                      subresource: sub,
                      responseKind: { group: info.group, version: info.version, kind: info.kind },
                      verbs: info.verbs,
                    };
                  }),
                }
              : {}),
          })),
        freshness: 'Current',
      })),
    })),
  };
}

/** Which aggregated discovery version the Accept header asks for, if any. */
export function aggregatedDiscoveryVersion(accept: string | undefined): string | undefined {
  for (const part of (accept ?? '').split(',')) {
    if (!part.includes('as=APIGroupDiscoveryList') || !part.includes('g=apidiscovery.k8s.io')) continue;
    if (part.includes('v=v2beta1')) return 'v2beta1';
    if (part.includes('v=v2')) return 'v2';
  }
  return undefined;
}

/** Kubernetes version priority: GA > beta > alpha, then by number (K: apimachinery version.CompareKubeAwareVersionStrings). */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a.localeCompare(b);
}

export { groupVersion };
