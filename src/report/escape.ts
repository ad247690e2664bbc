/**
 * Escaping for XML 1.0 and HTML text and attributes. JUnit consumers reject the whole file on one bad byte, so
 * characters XML 1.0 cannot carry at all (C0 controls such as ANSI escape codes, lone surrogates, U+FFFE/U+FFFF) are
 * written as visible `\uXXXX` text instead of being dropped: a message keeps saying what it said.
 */

// Allowed by XML 1.0: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] (paired surrogates).
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Replaces characters that XML 1.0 forbids with a `\uXXXX` spelling of their code. */
export function replaceInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text content of an element. `>` is escaped too so `]]>` can never appear. */
export function escapeText(text: string): string {
  return replaceInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double- or single-quoted attribute value; tabs and line breaks are kept as character references (parsers normalise raw ones to spaces). */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
