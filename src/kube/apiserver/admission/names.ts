import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPathSegmentName } from '../../labels/validation.ts';

/**
 * A ValidateNameFunc: the messages for a name, or for a generateName prefix (`prefix`), which may end in '-'
 * because random characters follow it.
 */
export type NameRule = (name: string, prefix: boolean) => string[];

/** maskTrailingDash from apimachinery: a trailing '-' is fine in a prefix. */
function masked(name: string, prefix: boolean): string {
  return prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export const dnsSubdomainName: NameRule = (name, prefix) => isDNS1123Subdomain(masked(name, prefix));
export const dnsLabelName: NameRule = (name, prefix) => isDNS1123Label(masked(name, prefix));
export const dns1035LabelName: NameRule = (name, prefix) => isDNS1035Label(masked(name, prefix));
export const pathSegmentName: NameRule = (name) => isValidPathSegmentName(name);

/** CronJob names get an 11-character suffix on their Jobs, so they may be at most 52 characters. */
export const cronJobName: NameRule = (name, prefix) => {
  const errs = dnsSubdomainName(name, prefix);
  return name.length > 52 ? [...errs, 'must be no more than 52 characters'] : errs;
};
