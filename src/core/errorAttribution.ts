// Which module an error of go's is about, and which git command failed, read from go's words
// (`go: example.com/a@v1.0.0: …`, `example.com/p@v1 requires\n\texample.com/a@v1: …`,
// `git … in <dir>: exit status N`). Each reader runs in one pass over the text: the fuzz tests hold
// them to the regular expressions they replace, in linear time.

type Target = { path: string; version: string };

/** A blank as `\s` reads it; global, so that lastIndex sets where the search starts. */
const BLANK = /\s/g;

/** The end of the blank-free run that starts at `from` (the first blank, or the end of the text). */
function runEnd(text: string, from: number): number {
  BLANK.lastIndex = from;
  return BLANK.test(text) ? BLANK.lastIndex - 1 : text.length;
}

/** `path@version` split at the first `@` after the first character, both sides non-empty. */
function splitAtSign(word: string): Target | null {
  const at = word.indexOf('@', 1);
  return at !== -1 && at < word.length - 1 ? { path: word.slice(0, at), version: word.slice(at + 1) } : null;
}

/** The blank-free word at `from` when the text goes on with `suffix` right after it. */
function wordBefore(text: string, from: number, suffix: string): string | null {
  const end = runEnd(text, from);
  return text.startsWith(suffix, end) ? text.slice(from, end) : null;
}

/**
 * `go: a@v requires\n(\tb@v requires\n)*\tc@v: …`: the module at the end of the chain and the one that
 * required it. Read line by line (the expression it replaces backtracked quadratically on a line
 * of many `@`), with the same result: the chain of `requires` lines is taken as long as possible,
 * then shortened until a line reads `\tc@v: `.
 */
function requiresChain(text: string): (Target & { requiredBy: Target }) | null {
  if (!text.startsWith('go: ')) return null;
  const parentWord = wordBefore(text, 4, ' requires\n');
  const parent = parentWord === null ? null : splitAtSign(parentWord);
  if (!parent) return null;
  const candidates: number[] = [];
  let line = 4 + parentWord!.length + ' requires\n'.length;
  for (;;) {
    candidates.push(line);
    const middle = text.charCodeAt(line) === 9 ? wordBefore(text, line + 1, ' requires\n') : null;
    if (middle === null || middle.length < 3 || !middle.slice(1, -1).includes('@')) break;
    line += 1 + middle.length + ' requires\n'.length;
  }
  for (let index = candidates.length - 1; index >= 0; index--) {
    const start = candidates[index]!;
    if (text.charCodeAt(start) !== 9) continue;
    const word = wordBefore(text, start + 1, ' ');
    const failed = word !== null && word.endsWith(':') ? splitAtSign(word.slice(0, -1)) : null;
    if (failed) return { ...failed, requiredBy: parent };
  }
  return null;
}

/** `go: b@v: …` or `verifying b@v: …`: the first `@` (after the path's first character) whose version starts with `v` and has no colon. */
function withVersion(text: string): Target | null {
  const from = text.startsWith('go: ') ? 4 : text.startsWith('verifying ') ? 10 : -1;
  if (from < 0) return null;
  const word = wordBefore(text, from, ' ');
  if (word === null || !word.endsWith(':')) return null;
  const head = word.slice(0, -1);
  const lastColon = head.lastIndexOf(':');
  for (let at = head.indexOf('@', Math.max(1, lastColon + 1)); at !== -1; at = head.indexOf('@', at + 1)) {
    // `X@v1.6.0/go.mod` names the go.mod of X@v1.6.0 (a go.sum line of its own), not a version "v1.6.0/go.mod".
    if (head.charCodeAt(at + 1) === 118 /* v */ && head.length - at >= 3) return { path: head.slice(0, at), version: withoutGoMod(head.slice(at + 1)) };
  }
  return null;
}

/** `go: a@v requires\n\tb@v: err`, `go: b@v: err`, `go: module b: err`, `verifying b@v: err`. */
export function erroredModule(text: string): { path: string; version: string; requiredBy: { path: string; version: string } | null } | null {
  const chain = requiresChain(text);
  if (chain) return chain;
  const direct = withVersion(text);
  if (direct) return { ...direct, requiredBy: null };
  const replaced = replacedModule(text);
  if (replaced) return { ...replaced, requiredBy: null };
  if (text.startsWith('go: module ')) {
    const word = wordBefore(text, 11, ' ');
    if (word !== null && word.length >= 2 && word.endsWith(':')) return { path: word.slice(0, -1), version: '', requiredBy: null };
  }
  return null;
}

/**
 * The first `git … in <dir>: exit status N` of the text, as `/(git [^\n]*?) in \S+: exit status (\d+)/`
 * reads it, in one pass: only a line's first `git ` can start the match (a later one only sees fewer
 * of the same ` in ` candidates), and the candidates' directories do not overlap.
 */
export function failedGitCommand(text: string): { command: string; exitCode: number } | null {
  for (let start = text.indexOf('git '); start !== -1;) {
    const lineEnd = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start);
    for (let at = text.indexOf(' in ', start + 4); at !== -1 && at < lineEnd; at = text.indexOf(' in ', at + 1)) {
      const end = runEnd(text, at + 4);
      if (end - 1 <= at + 4 || text.charCodeAt(end - 1) !== 58 || !text.startsWith(' exit status ', end)) continue;
      let digits = end + ' exit status '.length;
      while (digits < text.length && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
      if (digits > end + ' exit status '.length) return { command: text.slice(start, at), exitCode: Number(text.slice(end + ' exit status '.length, digits)) };
    }
    start = lineEnd >= text.length ? -1 : text.indexOf('git ', lineEnd + 1);
  }
  return null;
}

function withoutGoMod(version: string): string {
  return version.endsWith('/go.mod') ? version.slice(0, -'/go.mod'.length) : version;
}

/** `go: X@V (replaced by Y@W): err` (or `(replaced by ./dir)`): the module is X@V, whose replacement failed. */
function replacedModule(text: string): Target | null {
  if (!text.startsWith('go: ')) return null;
  const word = wordBefore(text, 4, ' (replaced by ');
  if (word === null) return null;
  const at = word.indexOf('@', 1);
  return at > 0 && word.charCodeAt(at + 1) === 118 /* v */ ? { path: word.slice(0, at), version: word.slice(at + 1) } : null;
}

/** The replacement a `(replaced by …)` error names, or null. */
export function replacementNamed(text: string): string | null {
  return /^go: \S+ \(replaced by ([^)\s]+)\): /.exec(text)?.[1] ?? null;
}
