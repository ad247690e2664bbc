import type { FieldError } from '../field-error.ts';
import { dataSizeError, validateDataKeys, validateImmutableData } from './data-keys.ts';
import { invalid, key } from './field-errors.ts';
import { objAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';

/** ValidateConfigMap / ValidateConfigMapUpdate; ConfigMaps have no defaults. */
export const configMapAdmission: KindAdmission = {
  validate(cm, ctx) {
    const data = objAt(cm, 'data') ?? {};
    const binary = objAt(cm, 'binaryData') ?? {};
    const errs: FieldError[] = [...validateDataKeys(data, 'data'), ...validateDataKeys(binary, 'binaryData')];
    for (const k of Object.keys(binary)) {
      if (Object.hasOwn(data, k)) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    }
    let size = 0;
    for (const value of Object.values(data)) size += Buffer.byteLength(String(value));
    for (const value of Object.values(binary)) size += Buffer.from(String(value), 'base64').length;
    errs.push(...dataSizeError(size, ''));
    if (ctx.operation === 'UPDATE') errs.push(...validateImmutableData(cm, ctx.old, ['data', 'binaryData']));
    return errs;
  },
};
