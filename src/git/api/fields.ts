import type { Json } from './convert.ts';
import { unprocessable } from './respond.ts';

type Body = { [key: string]: Json | undefined };

/** Field readers that answer Gitea's binding errors (`[Field]: Required`) with 422. */
export function requiredString(body: Body, key: string, label = capitalize(key)): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw unprocessable(`[${label}]: Required`);
  return value;
}

export function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw unprocessable(`[${capitalize(key)}]: must be a string`);
  return value;
}

export function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw unprocessable(`[${capitalize(key)}]: must be a boolean`);
  return value;
}

export function optionalStrings(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw unprocessable(`[${capitalize(key)}]: must be a list of strings`);
  }
  return value as string[];
}

export function optionalRecord(body: Body, key: string): Record<string, string> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw unprocessable(`[${capitalize(key)}]: must be an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function optionalObject(body: Body, key: string): Body | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw unprocessable(`[${capitalize(key)}]: must be an object`);
  return value;
}

/** Gitea's name rule for users, orgs and repositories (alphanumerics, dash, underscore, dot). */
export function validName(name: string, label: string): string {
  if (!/^[\w.-]+$/.test(name) || name === '.' || name === '..' || name.length > 100) {
    throw unprocessable(`[${label}]: AlphaDashDot`);
  }
  return name;
}

function capitalize(key: string): string {
  return key
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Gitea's page/limit query parameters (default limit 30, at most 50). */
export function pagination(url: URL): { page: number; limit: number } {
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const requested = Number.parseInt(url.searchParams.get('limit') ?? url.searchParams.get('per_page') ?? '', 10);
  const limit = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 50) : 30;
  return { page, limit };
}

/** The X-Total-Count and Link headers Gitea sets on paginated lists. */
export function pageHeaders(url: URL, page: number, limit: number, total: number): Record<string, string> {
  const pages = Math.max(1, Math.ceil(total / limit));
  const link = (p: number, rel: string) => {
    const next = new URL(url);
    next.searchParams.set('page', String(p));
    next.searchParams.set('limit', String(limit));
    return `<${next.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < pages) links.push(link(page + 1, 'next'), link(pages, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  const headers: Record<string, string> = {
    'X-Total-Count': String(total),
    'X-PerPage': String(limit),
    'X-Page': String(page),
    'X-PageCount': String(pages),
    'X-HasMore': String(page < pages),
    'Access-Control-Expose-Headers': 'X-Total-Count, Link, X-PerPage, X-Page, X-PageCount, X-HasMore',
  };
  if (links.length > 0) headers.Link = links.join(',');
  return headers;
}
