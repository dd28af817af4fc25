// Small Go-compatible string helpers: strings.TrimSpace and strconv.Quote, whose rules differ from
// JavaScript's (U+0085 is space to Go, U+FEFF is not; \xNN for invalid bytes).

/** unicode.IsSpace, which strings.TrimSpace uses (it differs from JS trim: U+0085 yes, U+FEFF no). */
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && GO_SPACE.includes(s.charAt(start))) start++;
  while (end > start && GO_SPACE.includes(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}

/** For patterns we also strip a stray BOM: it can never be part of a module path either. */
export function trimPatternSpace(s: string): string {
  return goTrimSpace(s.replace(/^\uFEFF+|\uFEFF+$/g, '')).replace(/^\uFEFF+|\uFEFF+$/g, '');
}

/** strconv.Quote of raw bytes: invalid UTF-8 shows as \\xNN. */
export function goQuoteBytes(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) return goQuote(text);
  let out = '"';
  for (const b of bytes) out += b < 0x80 ? goQuote(String.fromCharCode(b)).slice(1, -1) : `\\x${b.toString(16).padStart(2, '0')}`;
  return `${out}"`;
}

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols (and ASCII space, checked separately). */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** strconv.Quote. */
export function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (named[ch] !== undefined) out += named[ch];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (ch === ' ' || GO_PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
