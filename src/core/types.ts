// Plain records shared by the core, the engine, the CLI and the editor glue.
// The report shapes mirror Contract 1 of the design (the CLI's `--json`): change them only by adding.

import type { MessageArgs, MessageId } from './i18n/message';

/** Failure classes (Contract 2). Stable ids: add, never rename. */
export const FAILURE_CLASSES = [
  'dns',
  'connection-refused',
  'connect-timeout',
  'stall',
  'http-proxy',
  'tls-certificate',
  'proxy-not-found',
  'proxy-auth',
  'proxy-server-error',
  'goproxy-config',
  'private-module-sumdb',
  'sumdb-unreachable',
  'checksum-mismatch',
  'git-auth',
  'ssh-auth',
  'ssh-host-key',
  'repo-not-found',
  'git-failure',
  'vcs-missing',
  'unknown-revision',
  'import-path',
  'insecure-transport',
  'govcs',
  'module-path',
  'module-cache',
  'toolchain',
  'gomod-syntax',
  'go-missing',
  'env-conflict',
  'retracted',
  'deprecated',
  'unknown',
  'tool-error',
  'proxy-refused',
  'module-content',
] as const;

export type FailureClass = (typeof FAILURE_CLASSES)[number];

export type Severity = 'error' | 'warning' | 'info';

export type ModuleStatus = 'ok' | 'cached' | 'failed' | 'stalled' | 'skipped';

/** One HTTP request seen in the `-x` trace. `status` is null until (or unless) headers arrived. */
export interface RequestRecord {
  url: string;
  status: number | null;
  seconds: number | null;
  error: string | null;
}

/** One VCS command seen in the `-x` trace. `seconds` is null while it is still running. */
export interface CommandRecord {
  command: string;
  seconds: number | null;
  exitCode: number | null;
}

export type FixKind = 'go-env' | 'git-config' | 'command' | 'doc' | 'go-get';

/**
 * A fix planned as data. The core never applies anything; the CLI and the editor glue do, after
 * showing exactly this.
 */
export interface PlannedFix {
  id: string;
  /** In English; `titleId` and `titleArgs` render it in another language (core/i18n). */
  title: string;
  titleId?: MessageId;
  titleArgs?: MessageArgs;
  kind: FixKind;
  detail: FixDetail;
}

export type FixDetail =
  /** `go env -w NAME=value` (value is the complete new value) or `go env -u NAME` when value is null. */
  | { kind: 'go-env'; variable: string; value: string | null; previous: string }
  /** `git config --global url.<base>.insteadOf <prefix>` (add) or `--unset` (remove). */
  | { kind: 'git-config'; action: 'add' | 'remove'; key: string; value: string }
  /** A command the user runs themselves (argument array, shown copy-ready). */
  | { kind: 'command'; argv: string[]; why: string; whyId?: MessageId; whyArgs?: MessageArgs }
  /** Guidance only: nothing to apply. */
  | { kind: 'doc'; text: string; url: string; textId?: MessageId; textArgs?: MessageArgs }
  /**
   * `go get module@version` in the module root: the one fix that writes the user's go.mod and
   * go.sum, after showing their diff; undone by restoring both files byte for byte. `version` may
   * be a query (`latest`); `from` is the version the build selected when it was planned.
   */
  | { kind: 'go-get'; module: string; version: string; from: string | null };

export interface Finding {
  class: FailureClass;
  severity: Severity;
  module: string | null;
  version: string | null;
  goModFile: string | null;
  /** 1-based line in goModFile; null when no line fits. */
  line: number | null;
  /** 1-based columns (UTF-16 code units) of what the finding is about on that line, endColumn exclusive; null: the whole line. */
  column: number | null;
  endColumn: number | null;
  /** One sentence, in English; `messageId` and `messageArgs` render it in another language (core/i18n). */
  message: string;
  messageId?: MessageId;
  messageArgs?: MessageArgs;
  evidence: string[];
  fixes: PlannedFix[];
}

export interface ModuleReport {
  path: string;
  version: string;
  status: ModuleStatus;
  goModFile: string | null;
  line: number | null;
  /** HTTP requests only; git (and other VCS) commands are in `commands`. */
  requests: RequestRecord[];
  commands: CommandRecord[];
  error: string | null;
  /**
   * true: go only read its go.mod, for the module graph (a dependency of a dependency that nothing
   * builds); false: go downloads the module (a requirement of go.mod, or a `-json` result).
   */
  graphOnly: boolean;
}

export interface Report {
  schemaVersion: 1;
  /** The module's folder; for several modules (a go.work, --recursive), the folder holding them all. */
  root: string;
  /** Every module folder checked (its go.mod is in it): one for a single module. */
  roots: string[];
  go: { path: string | null; version: string | null };
  env: Record<string, string>;
  modules: ModuleReport[];
  findings: Finding[];
  durationSeconds: number;
  /**
   * Dependency health beyond the download (retracted, deprecated, newer versions, why this
   * version), from a pass that runs after the download diagnosis; null when it did not run.
   */
  health: HealthReport | null;
}

/** What the health pass found about one module of the build. */
export interface ModuleHealth {
  path: string;
  /** The version the build selects (minimal version selection over the whole graph). */
  version: string;
  /** The version the user's go.mod requires; null when it does not require this module itself. */
  required: string | null;
  /** When the selected version was published (RFC 3339), as the proxy says; null when unknown. */
  time: string | null;
  /** ok: go answered for this module; unknown: its lookup failed (`error` says how). */
  status: 'ok' | 'unknown';
  /** Why the status is unknown: go's own words. */
  error: string | null;
  /** The author's rationale for each retraction covering this version; null when it is not retracted. */
  retracted: string[] | null;
  /** The author's deprecation message for the module; null when it is not deprecated. */
  deprecated: string | null;
  /**
   * The newest version of the same major version, when newer than the selected one: never a
   * retracted one, and a pre-release only when the selected version is one (go list -u).
   */
  update: { version: string; time: string | null } | null;
  /** The requirement that asks for exactly the selected version: "path@version", or the main module's path. */
  selectedBy: string | null;
  /** The shortest chain of requirements from the main module to this module, main module first. */
  chain: string[] | null;
  /** Answered from an earlier pass's cache (per module@version, with an expiry). */
  cached: boolean;
}

export interface HealthReport {
  /**
   * Why the pass did not ask go about new versions (turned off, vendor mode, GOPROXY=off, …); null
   * when it did. Offline, modules get only answers cached from earlier lookups, else "unknown".
   */
  skipped: string | null;
  modules: ModuleHealth[];
  /** Where the requirement graph came from: "go mod graph", "go.mod files in the module cache", or null. */
  graph: string | null;
  /** A failure of the pass as a whole (go could not list the modules at all): go's words. */
  error: string | null;
  durationSeconds: number;
}
