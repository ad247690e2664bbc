import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';

/** The first bytes of a gzip member as Go's protobuf generator writes registered file descriptors. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);

/**
 * Kubernetes' protobuf schemas, read from the kubectl binary on this machine: Go programs embed every registered
 * .proto file descriptor as a gzip member, so the client that sends protobuf also carries the exact schema to read
 * it with. Returns undefined when no kubectl with descriptors is found.
 */
export function loadKubernetesProtoRoot(): protobuf.Root | undefined {
  for (const binary of candidateBinaries()) {
    const files = extractDescriptors(binary);
    if (files.length > 0) {
      const set = descriptor.FileDescriptorSet.create({ file: files });
      return (protobuf.Root as unknown as { fromDescriptor(set: unknown): protobuf.Root }).fromDescriptor(set);
    }
  }
  return undefined;
}

function candidateBinaries(): string[] {
  const candidates: string[] = [];
  if (process.env['GITOPS_SANDBOX_KUBECTL']) candidates.push(process.env['GITOPS_SANDBOX_KUBECTL']);
  let onPath: string | undefined;
  try {
    onPath = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
  } catch {
    return candidates;
  }
  if (!onPath) return candidates;
  const real = realpathSync(onPath);
  candidates.push(real);
  // A version dispatcher (as in the Google Cloud SDK) keeps the real binaries beside it: newest first.
  const siblings = readdirSync(dirname(real))
    .filter((f) => /^kubectl\.\d+\.\d+$/.test(f))
    .sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]));
  candidates.push(...siblings.map((f) => join(dirname(real), f)));
  return candidates;
}

function extractDescriptors(binary: string): unknown[] {
  let data: Buffer;
  try {
    data = readFileSync(binary);
  } catch {
    return [];
  }
  const files = new Map<string, unknown>();
  for (let i = data.indexOf(GZIP_HEADER); i >= 0; i = data.indexOf(GZIP_HEADER, i + 1)) {
    let raw: Buffer;
    try {
      // Raw inflate of one member: plain gunzip would run on into the next member and merge two files.
      raw = inflateRawSync(data.subarray(i + GZIP_HEADER.length + 2, i + 4_000_000));
    } catch {
      continue;
    }
    if (raw[0] !== 0x0a) continue;
    const name = raw.subarray(2, 2 + raw[1]!).toString('utf8');
    if (!name.startsWith('k8s.io/') || files.has(name)) continue;
    files.set(name, descriptor.FileDescriptorProto.decode(raw));
  }
  return [...files.values()];
}
