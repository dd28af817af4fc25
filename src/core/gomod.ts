// A go.mod / go.work parser that keeps positions. It follows golang.org/x/mod/modfile:
// read.go for the lexer and the block grammar, rule.go for what each directive accepts,
// and uses modfile's messages. Unlike modfile it never stops at the first problem: each
// one becomes a GoModError and parsing resumes on the next line, so an editor can show
// them all. Lines are split on "\n" only; "\r" is blank space, as in Go.

import { readDirectives, shorten, tokenSpan, type Directive, type GoModError, type Span, type Token } from './gomodRead';
import { GO_VERSION, type Report, TOOLCHAIN, isDirectoryPath, modulePathArg, pathArg, stringArg, versionArg } from './gomodValues';

export type { GoModError, Span } from './gomodRead';

/** pathSpan and versionSpan cover the raw tokens, quotes included; lineSpan runs from the first token to the last, without a trailing comment. */
export interface GoModRequire {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
  pathSpan: Span;
  versionSpan: Span;
  lineSpan: Span;
  inBlock: boolean;
}
export interface GoModReplace {
  oldPath: string;
  oldVersion: string | null;
  newPath: string;
  newVersion: string | null;
  line: number;
  pathSpan: Span;
  lineSpan: Span;
}
export interface GoModExclude {
  path: string;
  version: string;
  line: number;
}
export interface GoModRetract {
  low: string;
  high: string;
  rationale: string;
  line: number;
}
export interface GoModTool {
  path: string;
  line: number;
}
export interface GoModGodebug {
  key: string;
  value: string;
  line: number;
}
export interface GoModFile {
  module: { path: string; line: number; pathSpan: Span; deprecated: string | null } | null;
  go: { version: string; line: number; lineSpan: Span } | null;
  toolchain: { name: string; line: number; lineSpan: Span } | null;
  godebug: GoModGodebug[];
  requires: GoModRequire[];
  replaces: GoModReplace[];
  excludes: GoModExclude[];
  retracts: GoModRetract[];
  tools: GoModTool[];
  ignores: { path: string; line: number }[];
  errors: GoModError[];
}
export interface GoWorkFile {
  go: GoModFile['go'];
  toolchain: GoModFile['toolchain'];
  godebug: GoModGodebug[];
  uses: { path: string; line: number }[];
  replaces: GoModReplace[];
  errors: GoModError[];
}

// ---- directives (rule.go) -------------------------------------------------------------

const onlyArg = (d: Directive): Token | null => (d.args.length === 1 ? (d.args[0] ?? null) : null);

function readReplace(d: Directive, report: Report): GoModReplace | null {
  const t = d.args;
  const arrow = t[1]?.text === '=>' ? 1 : 2;
  const oldTok = t[0];
  const newTok = t[arrow + 1];
  if (!oldTok || !newTok || t.length > arrow + 3 || t[arrow]?.text !== '=>') {
    report(`usage: ${d.verb} module/path [v1.2.3] => other/module v1.4 or ${d.verb} module/path [v1.2.3] => ../local/directory`);
    return null;
  }
  const old = modulePathArg(d.verb, oldTok, report);
  const oldVersionTok = arrow === 2 ? t[1] : undefined;
  const oldVersion = old && oldVersionTok ? versionArg(d.verb, old.path, old.major, oldVersionTok, report) : null;
  if (!old || (oldVersionTok && oldVersion === null)) return null;
  const newPath = stringArg(newTok, report);
  const newVersionTok = t[arrow + 2];
  if (newPath === null) return null;
  const entry = (newVersion: string | null): GoModReplace => ({
    oldPath: old.path,
    oldVersion,
    newPath,
    newVersion,
    line: d.line,
    pathSpan: tokenSpan(oldTok, d.line),
    lineSpan: d.lineSpan,
  });
  if (!newVersionTok) {
    if (isDirectoryPath(newPath)) return entry(null);
    report(
      newPath.includes('@')
        ? "replacement module must match format 'path version', not 'path@version'"
        : 'replacement module without version must be directory path (rooted or starting with . or ..)',
      newTok,
    );
    return null;
  }
  const newVersion = versionArg(d.verb, newPath, null, newVersionTok, report);
  if (newVersion === null) return null;
  if (isDirectoryPath(newPath)) {
    report(`replacement module directory path ${JSON.stringify(newPath)} cannot have version`, newVersionTok);
    return null;
  }
  return pathArg(newTok, report) === null ? null : entry(newVersion);
}

/** rule.go's parseVersionInterval: `v1.2.3` or `[v1.0.0, v1.2.0]`, and nothing after it. */
function readRetract(d: Directive, report: Report): GoModRetract | null {
  const t = d.args;
  const version = (i: number, missing: string): string | null => {
    const tok = t[i];
    if (!tok) report(missing);
    return tok ? versionArg('retract', '', null, tok, report) : null;
  };
  if (!t[0] || t[0].text === '(') {
    report("expected '[' or version");
    return null;
  }
  const interval = t[0].text === '[';
  const low = version(interval ? 1 : 0, "expected version after '['");
  if (low === null) return null;
  if (interval && t[2]?.text !== ',') {
    report("expected ',' after version");
    return null;
  }
  const high = interval ? version(3, "expected version after ','") : low;
  if (high === null) return null;
  if (interval && t[4]?.text !== ']') {
    report("expected ']' after version");
    return null;
  }
  const extra = t[interval ? 5 : 1];
  if (extra) {
    report(`unexpected token after version: ${JSON.stringify(extra.text)}`, extra);
    return null;
  }
  return { low, high, rationale: d.commentText, line: d.line };
}

/** go, toolchain, godebug and replace read the same in go.mod and go.work; false for any other verb. */
function addShared(d: Directive, file: GoWorkFile | GoModFile, report: Report): boolean {
  const arg = onlyArg(d);
  switch (d.verb) {
    case 'go':
      if (file.go) report('repeated go statement');
      else if (!arg) report('go directive expects exactly one argument');
      else if (!GO_VERSION.test(arg.text)) report(`invalid go version '${arg.text}': must match format 1.23.0`, arg);
      else file.go = { version: arg.text, line: d.line, lineSpan: d.lineSpan };
      return true;
    case 'toolchain':
      if (file.toolchain) report('repeated toolchain statement');
      else if (!arg) report('toolchain directive expects exactly one argument');
      else if (!TOOLCHAIN.test(arg.text)) report(`invalid toolchain version '${arg.text}': must match format go1.23.0 or default`, arg);
      else file.toolchain = { name: arg.text, line: d.line, lineSpan: d.lineSpan };
      return true;
    case 'godebug': {
      const eq = arg && !/["`',]/.test(arg.text) ? arg.text.indexOf('=') : -1;
      if (!arg || eq < 0) report('usage: godebug key=value');
      else file.godebug.push({ key: arg.text.slice(0, eq), value: arg.text.slice(eq + 1), line: d.line });
      return true;
    }
    case 'replace': {
      const replace = readReplace(d, report);
      if (replace) file.replaces.push(replace);
      return true;
    }
    default:
      return false;
  }
}

function addRequireOrExclude(d: Directive, mod: GoModFile, report: Report): void {
  const [pathTok, versionTok] = d.args;
  if (d.args.length !== 2 || !pathTok || !versionTok) {
    report(`usage: ${d.verb} module/path v1.2.3`);
    return;
  }
  const mp = modulePathArg(d.verb, pathTok, report);
  const version = mp && versionArg(d.verb, mp.path, mp.major, versionTok, report);
  if (!mp || version === null) return;
  if (d.verb === 'exclude') {
    mod.excludes.push({ path: mp.path, version, line: d.line });
    return;
  }
  mod.requires.push({
    path: mp.path,
    version,
    indirect: isIndirect(d.suffix),
    line: d.line,
    pathSpan: tokenSpan(pathTok, d.line),
    versionSpan: tokenSpan(versionTok, d.line),
    lineSpan: d.lineSpan,
    inBlock: d.inBlock,
  });
}

/** `// indirect` or `// indirect; other words`, exactly as rule.go's isIndirect reads it. */
function isIndirect(suffix: string | null): boolean {
  const fields = suffix === null ? [] : suffix.trim().split(/\s+/);
  return (fields.length === 1 && fields[0] === 'indirect') || (fields.length > 1 && fields[0] === 'indirect;');
}

/** The first paragraph starting "Deprecated:" (rule.go's deprecatedRE), without backtracking. */
function deprecation(text: string): string | null {
  for (let at = text.indexOf('Deprecated:'); at >= 0; at = text.indexOf('Deprecated:', at + 1)) {
    if (at !== 0 && !(at >= 2 && text.startsWith('\n\n', at - 2))) continue;
    let start = at + 'Deprecated:'.length;
    while (text.charAt(start) === ' ') start++;
    const end = text.indexOf('\n\n', start);
    return text.slice(start, end < 0 ? text.length : end) || null;
  }
  return null;
}

function addModDirective(d: Directive, mod: GoModFile, moduleSeen: boolean, report: Report): void {
  if (addShared(d, mod, report)) return;
  const arg = onlyArg(d);
  switch (d.verb) {
    case 'module': {
      if (moduleSeen) {
        report('repeated module statement');
        return;
      }
      if (!arg) {
        report('usage: module module/path');
        return;
      }
      const path = pathArg(arg, report);
      if (path !== null) mod.module = { path, line: d.line, pathSpan: tokenSpan(arg, d.line), deprecated: deprecation(d.commentText) };
      return;
    }
    case 'require':
    case 'exclude':
      addRequireOrExclude(d, mod, report);
      return;
    case 'retract': {
      const retract = readRetract(d, report);
      if (retract) mod.retracts.push(retract);
      return;
    }
    case 'tool':
    case 'ignore': {
      const path = arg ? stringArg(arg, report) : null;
      if (!arg) report(`${d.verb} directive expects exactly one argument`);
      if (path !== null) (d.verb === 'tool' ? mod.tools : mod.ignores).push({ path, line: d.line });
      return;
    }
    default:
      report(`unknown directive: ${shorten(d.verb)}`);
  }
}

// ---- entry points ----------------------------------------------------------------------

const MOD_BLOCKS: ReadonlySet<string> = new Set(['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);
const WORK_BLOCKS: ReadonlySet<string> = new Set(['godebug', 'use', 'replace']);

function reporter(d: Directive, errors: GoModError[]): Report {
  return (message, at) => {
    errors.push({ ...(at ? tokenSpan(at, d.line) : d.lineSpan), message });
  };
}

/** Like modfile's recover in parse(): a bug here becomes an error value, never an exception. */
function guarded(errors: GoModError[], run: () => void): void {
  try {
    run();
  } catch (err: unknown) {
    errors.push({ line: 1, column: 1, endColumn: 1, message: `internal error: ${String(err)}` });
  }
}

export function parseGoMod(text: string): GoModFile {
  const mod: GoModFile = {
    module: null,
    go: null,
    toolchain: null,
    godebug: [],
    requires: [],
    replaces: [],
    excludes: [],
    retracts: [],
    tools: [],
    ignores: [],
    errors: [],
  };
  // Go counts a module statement even when it is malformed, so a second one is still "repeated".
  let moduleSeen = false;
  guarded(mod.errors, () =>
    readDirectives(text, MOD_BLOCKS, mod.errors, (d) => {
      addModDirective(d, mod, moduleSeen, reporter(d, mod.errors));
      moduleSeen ||= d.verb === 'module';
    }),
  );
  return mod;
}

export function parseGoWork(text: string): GoWorkFile {
  const work: GoWorkFile = { go: null, toolchain: null, godebug: [], uses: [], replaces: [], errors: [] };
  guarded(work.errors, () =>
    readDirectives(text, WORK_BLOCKS, work.errors, (d) => {
      const report = reporter(d, work.errors);
      if (addShared(d, work, report)) return;
      if (d.verb !== 'use') {
        report(`unknown directive: ${shorten(d.verb)}`);
        return;
      }
      const arg = onlyArg(d);
      const path = arg ? stringArg(arg, report) : null;
      if (!arg) report('usage: use local/dir');
      if (path !== null) work.uses.push({ path, line: d.line });
    }),
  );
  return work;
}

/** The first requirement of each path, per parsed file: the classifier asks once per finding. */
const requiresByPath = new WeakMap<GoModFile, { count: number; byPath: Map<string, GoModRequire> }>();

/** The line of `require <path>` for that module path (exact path match), or null. */
export function findRequire(mod: GoModFile, modulePath: string): GoModRequire | null {
  let index = requiresByPath.get(mod);
  // Rebuilt if requirements were added since (a parsed file is not meant to change, but may).
  if (!index || index.count !== mod.requires.length) {
    const byPath = new Map<string, GoModRequire>();
    for (const require of mod.requires) if (!byPath.has(require.path)) byPath.set(require.path, require);
    index = { count: mod.requires.length, byPath };
    requiresByPath.set(mod, index);
  }
  return index.byPath.get(modulePath) ?? null;
}

/** The replace whose old path (and old version, when the replace names one) matches, or null. */
export function findReplace(mod: GoModFile, modulePath: string, version: string): GoModReplace | null {
  // As in the go command, a replacement of that exact version wins over one for every version.
  const forPath = mod.replaces.filter((r) => r.oldPath === modulePath);
  return forPath.find((r) => r.oldVersion === version) ?? forPath.find((r) => r.oldVersion === null) ?? null;
}
