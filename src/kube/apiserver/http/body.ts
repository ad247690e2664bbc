import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from '../api-error.ts';
import { decodeKubernetesProtobuf } from '../protobuf/kube-protobuf.ts';

/** The API server's request body limit (K: apiserver MaxRequestBodyBytes, 3 MiB). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** JSON, YAML, or Kubernetes protobuf (kubectl 1.32+ typed clients), by the request's Content-Type. */
export function decodeBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const mediaType = (contentType ?? 'application/json').split(';')[0]!.trim();
  if (mediaType === 'application/vnd.kubernetes.protobuf') return decodeKubernetesProtobuf(body);
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    if (mediaType === 'application/yaml' || mediaType === 'application/apply-patch+yaml') return parseYaml(text);
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`the body of the request could not be decoded as ${mediaType}: ${(error as Error).message}`);
  }
}
