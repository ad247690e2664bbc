import { isIPv4, isIPv6 } from 'node:net';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from '../../labels/validation.ts';
import type { FieldError } from '../field-error.ts';
import { child, duplicate, immutable, index, invalid, notSupported, required, tooMany } from './field-errors.ts';
import { listAt, setDefault, setDefaultString, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';

const addressTypes = ['FQDN', 'IPv4', 'IPv6'];

/** SetDefaults_EndpointPort (discovery/v1) and discovery/validation ValidateEndpointSlice. */
export const endpointSliceAdmission: KindAdmission = {
  default(slice) {
    for (const port of listAt(slice, 'ports')) {
      setDefault(port, 'name', '');
      setDefaultString(port, 'protocol', 'TCP');
    }
  },
  validate(slice, ctx) {
    const errs: FieldError[] = [];
    const addressType = strAt(slice, 'addressType') ?? '';
    if (addressType === '') errs.push(required('addressType'));
    else if (!addressTypes.includes(addressType)) errs.push(notSupported('addressType', addressType, addressTypes));
    const endpoints = listAt(slice, 'endpoints');
    if (endpoints.length > 1000) errs.push(tooMany('endpoints', endpoints.length, 1000));
    endpoints.forEach((endpoint, i) => {
      const at = child(index('endpoints', i), 'addresses');
      const addresses = Array.isArray(endpoint['addresses']) ? (endpoint['addresses'] as unknown[]) : [];
      if (addresses.length === 0) errs.push(required(at, 'must contain at least 1 address'));
      else if (addresses.length > 100) errs.push(tooMany(at, addresses.length, 100));
      addresses.forEach((address, j) => {
        const text = String(address);
        if (addressType === 'IPv4' && !isIPv4(text))
          errs.push(invalid(index(at, j), text, 'must be a valid IPv4 address'));
        if (addressType === 'IPv6' && !isIPv6(text))
          errs.push(invalid(index(at, j), text, 'must be a valid IPv6 address'));
        if (addressType === 'FQDN')
          for (const msg of isDNS1123Subdomain(text)) errs.push(invalid(index(at, j), text, msg));
      });
    });
    const ports = listAt(slice, 'ports');
    if (ports.length > 20000) errs.push(tooMany('ports', ports.length, 20000));
    const names = new Set<string>();
    ports.forEach((port, i) => {
      const at = index('ports', i);
      const name = strAt(port, 'name') ?? '';
      if (name !== '') for (const msg of isDNS1123Label(name)) errs.push(invalid(child(at, 'name'), name, msg));
      if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
      names.add(name);
      const protocol = strAt(port, 'protocol') ?? '';
      if (!['SCTP', 'TCP', 'UDP'].includes(protocol))
        errs.push(notSupported(child(at, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
      if (port['port'] !== undefined && port['port'] !== null) {
        for (const msg of isValidPortNum(Number(port['port'])))
          errs.push(invalid(child(at, 'port'), port['port'], msg));
      }
    });
    if (ctx.operation === 'UPDATE' && ctx.old && (ctx.old['addressType'] ?? '') !== addressType) {
      errs.push(immutable('addressType', addressType));
    }
    return errs;
  },
};
