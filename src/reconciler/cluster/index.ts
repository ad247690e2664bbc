export { ClusterClient, type ObjectRef, type RawResponse, type WriteCallOptions } from './cluster-client.ts';
export { ClusterError } from './cluster-error.ts';
export { type ApiResource, Discovery } from './discovery.ts';
