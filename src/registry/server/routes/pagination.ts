import { DistributionHttpError } from '../errors.ts';

/**
 * One page of a lexically sorted list by the spec's `n` (page size) and `last` (exclusive start) parameters, with
 * the `Link: <path?last=…&n=…>; rel="next"` header when more entries follow.
 */
export function paginate(entries: string[], url: URL): { page: string[]; headers: Record<string, string> } {
  const last = url.searchParams.get('last');
  const nParam = url.searchParams.get('n');
  let n: number | undefined;
  if (nParam !== null && nParam !== '') {
    n = Number(nParam);
    if (!Number.isInteger(n) || n < 0) {
      throw new DistributionHttpError('UNSUPPORTED', {
        status: 400,
        message: `n must be a non-negative integer, got "${nParam}"`,
      });
    }
  }
  const rest = last === null ? entries : entries.filter((entry) => entry > last);
  const page = n === undefined ? rest : rest.slice(0, n);
  const headers: Record<string, string> = {};
  const lastOfPage = page.at(-1);
  if (n !== undefined && n > 0 && rest.length > page.length && lastOfPage !== undefined) {
    const next = `${url.pathname}?last=${encodeURIComponent(lastOfPage)}&n=${n}`;
    headers['Link'] = `<${next}>; rel="next"`;
  }
  return { page, headers };
}
