/** The distribution spec's error codes with the HTTP status and message the reference registry answers with. */
export const errorCatalogue = {
  BLOB_UNKNOWN: { status: 404, message: 'blob unknown to registry' },
  BLOB_UPLOAD_INVALID: { status: 400, message: 'blob upload invalid' },
  BLOB_UPLOAD_UNKNOWN: { status: 404, message: 'blob upload unknown to registry' },
  DIGEST_INVALID: { status: 400, message: 'provided digest did not match uploaded content' },
  MANIFEST_BLOB_UNKNOWN: { status: 400, message: 'blob unknown to registry' },
  MANIFEST_INVALID: { status: 400, message: 'manifest invalid' },
  MANIFEST_UNKNOWN: { status: 404, message: 'manifest unknown' },
  NAME_INVALID: { status: 400, message: 'invalid repository name' },
  NAME_UNKNOWN: { status: 404, message: 'repository name not known to registry' },
  SIZE_INVALID: { status: 400, message: 'provided length did not match content length' },
  UNAUTHORIZED: { status: 401, message: 'authentication required' },
  DENIED: { status: 403, message: 'requested access to the resource is denied' },
  UNSUPPORTED: { status: 405, message: 'The operation is unsupported.' },
  TOOMANYREQUESTS: { status: 429, message: 'too many requests' },
  UNAVAILABLE: { status: 503, message: 'service unavailable' },
  UNKNOWN: { status: 500, message: 'unknown error' },
} as const;

export type DistributionErrorCode = keyof typeof errorCatalogue;

/** Thrown by route handlers; the server turns it into `{"errors":[{code,message,detail}]}`. */
export class DistributionHttpError extends Error {
  readonly status: number;
  readonly errorCode: DistributionErrorCode;
  readonly detail: unknown;
  readonly headers: Record<string, string>;
  /** Further entries of the same answer, e.g. one MANIFEST_BLOB_UNKNOWN per missing blob. */
  readonly also: { code: DistributionErrorCode; message: string; detail: unknown }[];

  constructor(
    code: DistributionErrorCode,
    options: {
      message?: string;
      detail?: unknown;
      status?: number;
      headers?: Record<string, string>;
      also?: { code: DistributionErrorCode; message: string; detail: unknown }[];
    } = {},
  ) {
    super(options.message ?? errorCatalogue[code].message);
    this.errorCode = code;
    this.status = options.status ?? errorCatalogue[code].status;
    this.detail = options.detail ?? {};
    this.headers = options.headers ?? {};
    this.also = options.also ?? [];
  }

  body(): string {
    const first = { code: this.errorCode, message: this.message, detail: this.detail };
    return JSON.stringify({ errors: [first, ...this.also] });
  }
}
