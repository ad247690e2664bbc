import type protobuf from 'protobufjs';
import { ApiError, badRequest } from '../api-error.ts';
import { loadKubernetesProtoRoot } from './kubectl-descriptors.ts';
import { messageToJson } from './message-to-json.ts';

/** "k8s\0": the prefix of every Kubernetes protobuf body (K: apimachinery/pkg/runtime/serializer/protobuf). */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const UNKNOWN = 'k8s.io.apimachinery.pkg.runtime.Unknown';

let root: protobuf.Root | null | undefined;

function protoRoot(): protobuf.Root {
  if (root === undefined) root = loadKubernetesProtoRoot() ?? null;
  if (!root) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      'this server reads application/vnd.kubernetes.protobuf with the schemas inside a kubectl binary, and found none: put kubectl on PATH (or set GITOPS_SANDBOX_KUBECTL), or send application/json',
    );
  }
  return root;
}

/**
 * Decodes a `application/vnd.kubernetes.protobuf` request body (what kubectl's typed clients send since 1.32) into
 * the object's JSON form. Unset pointer fields and zero-valued plain fields are not told apart on the wire, so
 * zero-valued scalars are read as unset, as JSON's omitempty would drop them.
 */
export function decodeKubernetesProtobuf(body: Buffer): unknown {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badRequest('the protobuf body does not start with the Kubernetes magic number "k8s\\0"');
  }
  const types = protoRoot();
  const envelope = types.lookupType(UNKNOWN).decode(body.subarray(MAGIC.length)) as unknown as {
    typeMeta?: { apiVersion?: string; kind?: string };
    raw?: Uint8Array;
  };
  const apiVersion = envelope.typeMeta?.apiVersion ?? '';
  const kind = envelope.typeMeta?.kind ?? '';
  const type = messageTypeFor(types, apiVersion, kind);
  if (!type) throw badRequest(`no protobuf schema for ${kind} in ${apiVersion}: send this object as application/json`);
  const object = messageToJson(type.decode(envelope.raw ?? new Uint8Array()), type) as Record<string, unknown>;
  return { apiVersion, kind, ...object };
}

/** "apps/v1" Deployment → k8s.io.api.apps.v1.Deployment; "v1" → core; meta kinds (DeleteOptions) from meta/v1. */
function messageTypeFor(types: protobuf.Root, apiVersion: string, kind: string): protobuf.Type | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const packages = [
    `k8s.io.api.${group ? group.split('.')[0] : 'core'}.${version}`,
    `k8s.io.apimachinery.pkg.apis.meta.${version}`,
  ];
  for (const pkg of packages) {
    const found = types.lookup(`${pkg}.${kind}`);
    if (found && 'decode' in found) return found as protobuf.Type;
  }
  return undefined;
}
