// A line diff in the unified format (`diff -u`), for the preview of a change to go.mod and go.sum:
// the exact lines that go and come, with three lines of context. Myers' O((N+M)·D) algorithm, so a
// go.sum of thousands of lines with a handful of changes costs little.

/** One edit: a kept, removed or added line. */
interface Edit {
  kind: ' ' | '-' | '+';
  line: string;
}

/** Splits text into lines; a final newline does not make an empty last line. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Beyond this many differences the middle is shown as removed then added, instead of searched for the shortest script. */
const MAX_EDIT_DISTANCE = 2_000;

/** The edits from a to b: the common start and end kept, the middle by Myers' shortest edit script. */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const kept = (lines: readonly string[]): Edit[] => lines.map((line) => ({ kind: ' ', line }));
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  const middle = myers(middleA, middleB) ?? [...middleA.map((line): Edit => ({ kind: '-', line })), ...middleB.map((line): Edit => ({ kind: '+', line }))];
  return [...kept(a.slice(0, head)), ...middle, ...kept(a.slice(a.length - tail))];
}

/** Myers (1986): the shortest edit script, or null when it has more than MAX_EDIT_DISTANCE edits. */
function myers(a: readonly string[], b: readonly string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, MAX_EDIT_DISTANCE);
  // frontiers[d][k + d] = the furthest x on diagonal k after d edits.
  const frontiers: Int32Array[] = [];
  const at = (d: number, k: number) => frontiers[d]![k + d]!;
  for (let d = 0; d <= limit; d++) {
    const frontier = new Int32Array(2 * d + 1);
    frontiers.push(frontier);
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && at(d - 1, k - 1) < at(d - 1, k + 1))) x = at(d - 1, k + 1);
      else x = at(d - 1, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[k + d] = x;
      if (x >= n && y >= m) return backtrack(a, b, frontiers, d);
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], frontiers: Int32Array[], last: number): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d >= 0; d--) {
    const k = x - y;
    let previousX = 0;
    let previousY = 0;
    if (d > 0) {
      const previous = frontiers[d - 1]!;
      const down = k === -d || (k !== d && previous[k - 1 + d - 1]! < previous[k + 1 + d - 1]!);
      const previousK = down ? k + 1 : k - 1;
      previousX = previous[previousK + d - 1]!;
      previousY = previousX - previousK;
    }
    while (x > previousX && y > previousY) {
      x--;
      y--;
      edits.push({ kind: ' ', line: a[x]! });
    }
    if (d === 0) break;
    if (x === previousX) {
      y--;
      edits.push({ kind: '+', line: b[y]! });
    } else {
      x--;
      edits.push({ kind: '-', line: a[x]! });
    }
  }
  return edits.reverse();
}

const CONTEXT = 3;

/**
 * The unified diff of two texts, with `--- label` / `+++ label` headers and `@@` hunks; empty when
 * they are the same. `before` null: the file does not exist yet (all of `after` is added).
 */
export function unifiedDiff(label: string, before: string | null, after: string | null): string[] {
  if (before === after) return [];
  const a = linesOf(before ?? '');
  const b = linesOf(after ?? '');
  const edits = editScript(a, b);
  if (edits.every((edit) => edit.kind === ' ')) return [];
  const out = [`--- ${before === null ? '/dev/null' : `a/${label}`}`, `+++ ${after === null ? '/dev/null' : `b/${label}`}`];
  // Positions (in the edit list) of the changed lines, grouped into hunks that share context.
  const changed = edits.flatMap((edit, index) => (edit.kind === ' ' ? [] : [index]));
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * CONTEXT) end++;
    const from = Math.max(0, changed[start]! - CONTEXT);
    const to = Math.min(edits.length, changed[end]! + CONTEXT + 1);
    let oldLine = 1;
    let newLine = 1;
    for (const edit of edits.slice(0, from)) {
      if (edit.kind !== '+') oldLine++;
      if (edit.kind !== '-') newLine++;
    }
    const hunk = edits.slice(from, to);
    const oldCount = hunk.filter((edit) => edit.kind !== '+').length;
    const newCount = hunk.filter((edit) => edit.kind !== '-').length;
    out.push(`@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@`);
    for (const edit of hunk) out.push(`${edit.kind}${edit.line}`);
    start = end + 1;
  }
  return out;
}
