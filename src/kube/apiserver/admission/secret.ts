import type { FieldError } from '../field-error.ts';
import { dataSizeError, validateDataKeys, validateImmutableData } from './data-keys.ts';
import { immutable, invalid, key, required } from './field-errors.ts';
import { objAt, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';

/** Keys each built-in Secret type must carry (core/validation ValidateSecret). */
const requiredKeys: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

/**
 * Secrets: type Opaque by default; stringData is write-only — the v1 conversion merges it into data (base64,
 * overriding) and it is never stored.
 */
export const secretAdmission: KindAdmission = {
  default(secret) {
    if (!secret['type']) secret['type'] = 'Opaque';
    const stringData = objAt(secret, 'stringData');
    if (stringData) {
      const data = { ...(objAt(secret, 'data') ?? {}) };
      for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString('base64');
      secret['data'] = data;
      delete secret['stringData'];
    }
  },
  validate(secret, ctx) {
    const data = objAt(secret, 'data') ?? {};
    const errs: FieldError[] = validateDataKeys(data, 'data');
    let size = 0;
    for (const value of Object.values(data)) size += Buffer.from(String(value), 'base64').length;
    errs.push(...dataSizeError(size, 'data'));
    const type = strAt(secret, 'type') ?? '';
    for (const k of requiredKeys[type] ?? []) if (!Object.hasOwn(data, k)) errs.push(required(key('data', k)));
    if (type === 'kubernetes.io/basic-auth' && !Object.hasOwn(data, 'username') && !Object.hasOwn(data, 'password')) {
      errs.push(required(key('data', 'username')), required(key('data', 'password')));
    }
    if (
      type === 'kubernetes.io/service-account-token' &&
      !secret.metadata.annotations?.['kubernetes.io/service-account.name']
    ) {
      errs.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name')));
    }
    if (type === 'kubernetes.io/dockerconfigjson' && typeof data['.dockerconfigjson'] === 'string') {
      try {
        JSON.parse(Buffer.from(data['.dockerconfigjson'], 'base64').toString());
      } catch (error) {
        errs.push(invalid(key('data', '.dockerconfigjson'), '<secret contents redacted>', String(error)));
      }
    }
    if (ctx.operation === 'UPDATE' && ctx.old) {
      if ((ctx.old['type'] ?? '') !== type) errs.push(immutable('type', type));
      errs.push(...validateImmutableData(secret, ctx.old, ['data']));
    }
    return errs;
  },
};
