// Credentials never leave the core in clear text. Every string that reaches a diagnostic, the tree,
// a log line or a report goes through `redact` first. Go already replaces URL passwords with
// `xxxxx` in its own trace, but git, ssh, servers and the user's environment do not.

export const REDACTED = '***';

// user:password@ or token@ in any scheme://… URL. The user part alone is kept when there is no
// password (`git@github.com` is an address, not a secret) unless it looks like a token.
// The scheme is bounded and not anchored at a word boundary: `\b[a-z][a-z0-9+.-]*` rescanned a
// long dotted word from every boundary in it (quadratic: 32 KB of `a.a.a…` took seconds). A match
// that starts later in a longer scheme leaves the same text, since only the userinfo is rewritten.
const URL_USERINFO = /([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s/@:'"]+)(?::([^\s/@'"]*))?@/gi;

// ?access_token=…, &token=…, private_token, api_key, sig, signature, password, secret, auth
const QUERY_SECRET =
  /([?&;](?:access[_-]?token|private[_-]?token|token|api[_-]?key|apikey|key|sig|signature|password|passwd|secret|auth|code|x-amz-signature|x-goog-signature)=)[^\s&#'"]+/gi;

// Authorization: Bearer …, Proxy-Authorization: Basic …, as they appear in curl/git traces.
const AUTH_HEADER = /\b((?:proxy-)?authorization:\s*)(?:(basic|bearer|token|digest)\s+)?[^\s'"]+/gi;

// Well-known token shapes, wherever they appear (e.g. pasted into GOPROXY or an insteadOf rule).
const TOKEN_SHAPES = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, // GitHub
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key id
];

// `password <x>` in .netrc-style text that a user might paste into an error report.
// A placeholder in guidance (`password <token>`) is not a secret: guidance must survive redaction.
const NETRC_PASSWORD = /\b(password\s+)(?!<[\w -]+>)\S+/gi;

function looksLikeToken(user: string): boolean {
  return user.length >= 20 && /[0-9]/.test(user) && /[A-Za-z]/.test(user);
}

/** Returns the text with every credential replaced by `***`. Idempotent. */
export function redact(text: string): string {
  if (text.length === 0) return text;
  let out = text.replace(URL_USERINFO, (_match, scheme: string, user: string, password: string | undefined) => {
    if (password !== undefined) return `${scheme}${looksLikeToken(user) ? REDACTED : user}:${REDACTED}@`;
    return `${scheme}${looksLikeToken(user) ? REDACTED : user}@`;
  });
  out = out.replace(QUERY_SECRET, `$1${REDACTED}`);
  out = out.replace(AUTH_HEADER, (_match, header: string, scheme: string | undefined) => (scheme ? `${header}${scheme} ${REDACTED}` : `${header}${REDACTED}`));
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
  out = out.replace(NETRC_PASSWORD, `$1${REDACTED}`);
  return out;
}

/** Redacts every string inside a JSON-like value (for reports), leaving the shape unchanged. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) copy[key] = redactDeep(item);
    return copy as T;
  }
  return value;
}
