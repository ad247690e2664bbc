import { createHash } from 'node:crypto';
import { groupVersion, type ResourceType } from '../resources/resource-type.ts';
import { type BuiltinSchemas, builtinSchemas } from './builtin-schemas.ts';
import { markCustomResourceRoot } from './custom-resource-marks.ts';
import { customDefinitionName, customResourceList, customResourceRoot } from './custom-resource-schema.ts';
import { buildOpenApiV2Document } from './openapi-v2.ts';
import { buildOpenApiV3Document } from './openapi-v3.ts';
import { type Operation, resourceOperations } from './operations.ts';
import type { Schema } from './schema.ts';

interface CustomResource {
  definition: string;
  listDefinition: string;
  root: Schema;
  list: Schema;
  dereferenced: Schema;
}

interface CachedDocument {
  key: string;
  document: Record<string, unknown>;
  hash: string;
}

const gvkKey = (type: Pick<ResourceType, 'group' | 'version' | 'kind'>) => `${type.group}/${type.version}/${type.kind}`;

/** "apps/v1" → "apis/apps/v1", "v1" → "api/v1": the keys of the /openapi/v3 root. */
function apiPath(gv: string): string {
  return gv.includes('/') ? `apis/${gv}` : `api/${gv}`;
}

/**
 * The schemas the API server knows: built-in kinds (shared, built once per process) and the custom resources
 * registered on this instance. It answers schema lookups for patch, apply and validation, and renders the
 * OpenAPI documents kubectl downloads.
 */
export class SchemaRegistry {
  readonly #builtin: BuiltinSchemas;
  readonly #custom = new Map<string, CustomResource>();
  readonly #customByDefinition = new Map<string, Schema>();
  readonly #documents = new Map<string, CachedDocument>();
  #revision = 0;

  private constructor(builtin: BuiltinSchemas) {
    this.#builtin = builtin;
  }

  /** A registry of every built-in definition; the definitions themselves are built once and shared. */
  static builtin(): SchemaRegistry {
    return new SchemaRegistry(builtinSchemas());
  }

  /** The kind's root schema, dereferenced (shared and possibly cyclic nodes; treat as read-only). */
  schemaFor(type: ResourceType): Schema | undefined {
    if (type.crd) return this.#custom.get(gvkKey(type))?.dereferenced;
    return type.definition ? this.#builtin.dereferencer.definition(type.definition) : undefined;
  }

  /** Registers (or replaces) a CRD version's openAPIV3Schema. */
  registerCustomResource(type: ResourceType, openAPIV3Schema: Schema): void {
    this.unregisterCustomResource(type);
    const definition = customDefinitionName(type);
    const listDefinition = `${definition}List`;
    const root = customResourceRoot(type, openAPIV3Schema);
    const list = customResourceList(type, definition);
    // Custom definitions only point at built-ins (ObjectMeta, ListMeta), so built-in nodes are reused.
    const dereferenced = this.#builtin.dereferencer.resolve(root);
    markCustomResourceRoot(dereferenced);
    this.#custom.set(gvkKey(type), { definition, listDefinition, root, list, dereferenced });
    this.#customByDefinition.set(definition, root);
    this.#customByDefinition.set(listDefinition, list);
    this.#changed();
  }

  unregisterCustomResource(type: ResourceType): void {
    const existing = this.#custom.get(gvkKey(type));
    if (!existing) return;
    this.#custom.delete(gvkKey(type));
    this.#customByDefinition.delete(existing.definition);
    this.#customByDefinition.delete(existing.listDefinition);
    this.#changed();
  }

  /** GET /openapi/v3: each group-version's document URL, with a hash that changes whenever the document does. */
  openApiV3Root(types: ResourceType[]): object {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    const gvs = [...new Set(types.map((type) => groupVersion(type)))].sort();
    for (const gv of gvs) {
      const cached = this.#document(gv, types);
      if (cached) paths[apiPath(gv)] = { serverRelativeURL: `/openapi/v3/${apiPath(gv)}?hash=${cached.hash}` };
    }
    return { paths };
  }

  /** GET /openapi/v3/apis/{group}/{version} (or /api/v1); undefined when no type is served in that group-version. */
  openApiV3Document(gv: string, types: ResourceType[]): object | undefined {
    return this.#document(gv, types)?.document;
  }

  /** GET /openapi/v2: all group-versions in one Swagger 2.0 document. */
  openApiV2(types: ResourceType[]): object {
    const key = `${this.#revision}|${signature(types)}`;
    const cached = this.#documents.get('/v2');
    if (cached?.key === key) return cached.document;
    const document = buildOpenApiV2Document({
      operations: types.flatMap((t) => this.#operations(t)),
      lookup: this.#lookup,
    });
    this.#documents.set('/v2', { key, document, hash: '' });
    return document;
  }

  /**
   * GET /openapi/v2 with `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, which kubectl 1.27
   * and 1.28 send (and fail on JSON: "proto: cannot parse invalid wire-format data"). An empty gnostic Document is
   * valid protobuf: kubectl then validates server-side (fieldValidation) and builds strategic merge patches from its
   * compiled-in types. Encoding the full document is not implemented.
   */
  openApiV2Protobuf(): Uint8Array {
    return new Uint8Array(0);
  }

  #document(gv: string, types: ResourceType[]): CachedDocument | undefined {
    const served = types.filter((type) => groupVersion(type) === gv);
    if (served.length === 0) return undefined;
    const key = `${this.#revision}|${signature(served)}`;
    const cached = this.#documents.get(gv);
    if (cached?.key === key) return cached;
    const operations = served.flatMap((t) => this.#operations(t));
    if (operations.length === 0) return undefined; // e.g. a CRD whose schema is not registered yet
    const document = buildOpenApiV3Document({ operations, lookup: this.#lookup });
    const hash = createHash('sha512').update(JSON.stringify(document)).digest('hex').toUpperCase();
    const entry = { key, document, hash };
    this.#documents.set(gv, entry);
    return entry;
  }

  #operations(type: ResourceType): Operation[] {
    if (type.crd) {
      const custom = this.#custom.get(gvkKey(type));
      return custom ? resourceOperations(type, { object: custom.definition, list: custom.listDefinition }) : [];
    }
    if (!type.definition || !this.#builtin.definitions.has(type.definition)) return [];
    const list = `${type.definition}List`;
    return resourceOperations(type, {
      object: type.definition,
      list: this.#builtin.definitions.has(list) ? list : undefined,
    });
  }

  readonly #lookup = (definition: string): Schema | undefined =>
    this.#builtin.definitions.get(definition) ?? this.#customByDefinition.get(definition);

  #changed(): void {
    this.#revision++;
  }
}

/** What of the served types shapes a document; a changed field yields a new document (and hash). */
function signature(types: ResourceType[]): string {
  return JSON.stringify(
    types.map((t) => [
      t.group,
      t.version,
      t.kind,
      t.plural,
      t.namespaced,
      t.verbs,
      t.subresources,
      t.definition,
      t.crd?.name,
    ]),
  );
}
