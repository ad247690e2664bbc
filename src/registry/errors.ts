import { SandboxError } from '../errors.ts';

/** Stable codes of errors the registry client and image-reference parser raise. */
export type RegistryErrorCode =
  | 'INVALID_IMAGE_REFERENCE'
  | 'REGISTRY_UNREACHABLE'
  | 'REGISTRY_TIMEOUT'
  | 'REGISTRY_UNAVAILABLE'
  | 'REGISTRY_RATE_LIMITED'
  | 'REGISTRY_UNAUTHORIZED'
  | 'REGISTRY_DENIED'
  | 'REGISTRY_NOT_FOUND'
  | 'REGISTRY_REJECTED'
  | 'REGISTRY_DIGEST_MISMATCH'
  | 'REGISTRY_PROTOCOL_ERROR';

/** One entry of the distribution spec's error body `{"errors":[{code,message,detail}]}`. */
export interface DistributionErrorEntry {
  code: string;
  message?: string;
  detail?: unknown;
}

/** The registry boundary's error: what failed, against which registry/repository/reference, and the spec's codes. */
export class RegistryError extends SandboxError {
  declare readonly code: RegistryErrorCode;
  readonly registry: string | undefined;
  readonly repository: string | undefined;
  readonly reference: string | undefined;
  /** HTTP status of the last answer, when there was one. */
  readonly status: number | undefined;
  /** The distribution spec error codes the registry answered with (e.g. MANIFEST_UNKNOWN). */
  readonly errors: DistributionErrorEntry[];

  constructor(options: {
    code: RegistryErrorCode;
    message: string;
    registry?: string;
    repository?: string;
    reference?: string;
    status?: number;
    errors?: DistributionErrorEntry[];
    cause?: unknown;
  }) {
    super(options.code, options.message, { cause: options.cause });
    this.registry = options.registry;
    this.repository = options.repository;
    this.reference = options.reference;
    this.status = options.status;
    this.errors = options.errors ?? [];
  }

  /** True when the registry said the repository, manifest, tag or blob does not exist. */
  get notFound(): boolean {
    return this.code === 'REGISTRY_NOT_FOUND';
  }
}
