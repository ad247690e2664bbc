import { escapeAttr, escapeText } from '../escape.ts';

export type Attrs = Record<string, string | number | boolean | undefined>;

/** One SVG/HTML element as text. Attribute values are escaped, numbers rounded to 0.01, undefined/false omitted. */
export function el(name: string, attrs: Attrs = {}, children: string | readonly string[] = ''): string {
  const attrText = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeAttr(typeof v === 'number' ? round(v) : String(v))}"`))
    .join('');
  const body = typeof children === 'string' ? children : children.join('');
  return `<${name}${attrText}>${body}</${name}>`;
}

/** Escaped text content. */
export function text(value: string): string {
  return escapeText(value);
}

/** Hover text for SVG shapes: the accessible name too. */
export function title(value: string): string {
  return `<title>${escapeText(value)}</title>`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
