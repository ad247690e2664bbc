import type { ModelAttribute } from './client-node-models.ts';

/** The package of Kubernetes' shared object machinery: ObjectMeta, LabelSelector, Status, DeleteOptions, … */
export const META_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const CORE_V1 = 'io.k8s.api.core.v1';

/** Named definitions Kubernetes publishes for types that are scalars on the wire (no client-node model). */
export const wellKnown = {
  time: `${META_V1}.Time`,
  microTime: `${META_V1}.MicroTime`,
  fieldsV1: `${META_V1}.FieldsV1`,
  patch: `${META_V1}.Patch`,
  objectMeta: `${META_V1}.ObjectMeta`,
  listMeta: `${META_V1}.ListMeta`,
  status: `${META_V1}.Status`,
  deleteOptions: `${META_V1}.DeleteOptions`,
  watchEvent: `${META_V1}.WatchEvent`,
  intOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  rawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  scale: 'io.k8s.api.autoscaling.v1.Scale',
} as const;

/** client-node models whose Go type lives in k8s.io/apimachinery/pkg/apis/meta/v1 (the class name cannot tell). */
const metaModels = new Set([
  'APIGroup',
  'APIGroupList',
  'APIResource',
  'APIResourceList',
  'APIVersions',
  'Condition',
  'DeleteOptions',
  'FieldSelectorRequirement',
  'GroupVersionForDiscovery',
  'LabelSelector',
  'LabelSelectorRequirement',
  'ListMeta',
  'ManagedFieldsEntry',
  'ObjectMeta',
  'OwnerReference',
  'Preconditions',
  'ServerAddressByClientCIDR',
  'Status',
  'StatusCause',
  'StatusDetails',
  'WatchEvent',
]);

/** core/v1 types that only other groups' kinds reach (storage's allowedTopologies), so inference would miss them. */
const coreModels = new Set(['TopologySelectorTerm', 'TopologySelectorLabelRequirement']);

/** Group prefixes client-node puts on class names that exist in several groups ("CoreV1Event", "EventsV1Event"). */
const prefixPackages: Record<string, string> = {
  apiextensions: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  apiregistration: 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
};

interface ParsedClassName {
  prefix: string | undefined;
  /** "v1", "v1beta1". */
  version: string;
  name: string;
}

const classNamePattern = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/;

export function parseClassName(className: string): ParsedClassName | undefined {
  const match = classNamePattern.exec(className);
  if (!match) return undefined;
  return { prefix: match[1], version: match[2]!.toLowerCase(), name: match[3]! };
}

function prefixPackage(prefix: string): string {
  const group = prefix.toLowerCase();
  return prefixPackages[group] ?? `io.k8s.api.${group}`;
}

/** "io.k8s.api.apps.v1.Deployment" → package "io.k8s.api.apps", version "v1", name "Deployment". */
export function splitDefinitionName(definition: string): { pkg: string; version: string; name: string } {
  const parts = definition.split('.');
  const name = parts.pop() ?? '';
  const version = parts.pop() ?? '';
  return { pkg: parts.join('.'), version, name };
}

/** The client-node class of a root definition: "io.k8s.api.core.v1.Event" → "CoreV1Event", else "V1Deployment". */
export function classForDefinition(definition: string, has: (className: string) => boolean): string | undefined {
  const { pkg, version, name } = splitDefinitionName(definition);
  const versionPart = version.charAt(0).toUpperCase() + version.slice(1);
  const group = pkg.split('.').pop() ?? '';
  const prefixed = `${group.charAt(0).toUpperCase()}${group.slice(1)}${versionPart}${name}`;
  if (has(prefixed)) return prefixed;
  const plain = `${versionPart}${name}`;
  return has(plain) ? plain : undefined;
}

/** The model class a field type mentions, if any: "Array<V1Container>" → "V1Container". */
export function referencedClass(type: string, has: (className: string) => boolean): string | undefined {
  const inner = type.replace(/^Array<(.*)>$/, '$1').replace(/^\{ \[key: string\]: (.*); \}$/, '$1');
  if (inner !== type) return referencedClass(inner, has);
  return has(type) ? type : undefined;
}

/**
 * Names every model reachable from the root kinds the way Kubernetes does. A class name carries only its version,
 * so a nested type's package is inferred from the roots that reach it: one package → that package; several → core
 * (types shared across groups, such as PodTemplateSpec, live in core/v1); meta types come from a fixed list.
 */
export function nameModels(options: {
  models: ReadonlyMap<string, readonly ModelAttribute[]>;
  roots: { className: string; definition: string }[];
}): Map<string, string> {
  const { models, roots } = options;
  const has = (name: string) => models.has(name);
  const packagesOf = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  for (const root of roots) {
    names.set(root.className, root.definition);
    const pkg = splitDefinitionName(root.definition).pkg;
    const stack = [root.className];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const className = stack.pop()!;
      if (seen.has(className)) continue;
      seen.add(className);
      const packages = packagesOf.get(className) ?? new Set<string>();
      packages.add(pkg);
      packagesOf.set(className, packages);
      for (const attribute of models.get(className) ?? []) {
        const next = referencedClass(attribute.type, has);
        if (next) stack.push(next);
      }
    }
  }
  for (const [className, packages] of packagesOf) {
    if (names.has(className)) continue;
    const parsed = parseClassName(className);
    if (!parsed) continue;
    let pkg: string;
    if (parsed.prefix) pkg = prefixPackage(parsed.prefix);
    else if (parsed.version === 'v1' && metaModels.has(parsed.name)) pkg = META_V1.slice(0, -'.v1'.length);
    else if (coreModels.has(parsed.name)) pkg = 'io.k8s.api.core';
    else if (packages.size === 1) pkg = [...packages][0]!;
    else pkg = 'io.k8s.api.core';
    names.set(className, `${pkg}.${parsed.version}.${parsed.name}`);
  }
  return names;
}
