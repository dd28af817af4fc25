// What each failure class is, in general: the README's failure-class table as data, for the
// formats that describe a class apart from any finding (SARIF rules, Code Quality, help links).
// One finding's own sentence and fixes come from explanations.ts and fixes.ts; this is the class.
// test/unit/classDocs.test.ts keeps the README's table equal to this one, row by row.

import { homepage, version } from '../../package.json';
import type { FailureClass } from './types';

export interface ClassDoc {
  /** What the class means, Markdown (inline code only); starts lower-case, as in the README's table. */
  meaning: string;
  /** What to do about it, Markdown (inline code only). */
  whatToDo: string;
}

export const CLASS_DOCS: Record<FailureClass, ClassDoc> = {
  dns: {
    meaning: 'a host could not be resolved',
    whatToDo: 'Check DNS/VPN. For corporate module hosts set `GOPRIVATE`; for an unreachable proxy, point `GOPROXY` at a reachable one.',
  },
  'connection-refused': {
    meaning: 'nothing listens at the address',
    whatToDo: 'Fix the `GOPROXY`/`HTTPS_PROXY` address, or let Go fall through with `|` (`a|b`).',
  },
  'connect-timeout': {
    meaning: 'connect or TLS handshake timed out',
    whatToDo: 'Network or firewall; use a reachable `GOPROXY`.',
  },
  stall: {
    meaning:
      'a request or git command made no progress for the inactivity limit (Go itself would wait forever); a body still arriving, however slowly, is progress',
    whatToDo: 'The finding names the URL or command. Use another proxy, or `|` so Go moves on after errors.',
  },
  'http-proxy': {
    meaning: 'the `HTTPS_PROXY`/`HTTP_PROXY` in use failed (`proxyconnect`)',
    whatToDo: 'Check the proxy address, that it allows CONNECT, its credentials; put internal hosts in `NO_PROXY`.',
  },
  'tls-certificate': {
    meaning: 'certificate not trusted, expired, or for another host',
    whatToDo: 'Install the CA in the system store or point `SSL_CERT_FILE` at it (git: `http.sslCAInfo`). `GOINSECURE` does not apply to proxies.',
  },
  'proxy-not-found': {
    meaning: 'every GOPROXY entry answered 404/410 and nothing fell through to a working source',
    whatToDo:
      'When the proxy lists other versions of the module, require one it has (`go list -m -versions`). Private module: `GOPRIVATE`. Otherwise keep `,direct` at the end of `GOPROXY`, and check the path.',
  },
  'proxy-auth': {
    meaning: 'a proxy or go-get page answered 401/403 (a bare 403 may also be a policy: both are said)',
    whatToDo: 'Give Go credentials through `~/.netrc` or `GOAUTH` — never inside `GOPROXY`.',
  },
  'proxy-refused': {
    meaning: 'a proxy refuses this version on purpose: 451, or a 403 whose answer names a policy, curation rule or withdrawn version',
    whatToDo:
      'Require a version it serves (`go list -m -versions`), or ask its operator. Never GOPRIVATE for a public module: that only switches off the proxy and checksum verification.',
  },
  'proxy-server-error': {
    meaning: 'a proxy answered 5xx or something that is not the proxy protocol (also a zip that is not a zip)',
    whatToDo: 'Retry later, use `|` to fall through, or switch proxy.',
  },
  'goproxy-config': {
    meaning: '`GOPROXY` is `off`, empty, or has an invalid entry; or `GOSUMDB` names no database Go can use',
    whatToDo: '`go env -u GOPROXY`, or `GOPROXY=https://proxy.golang.org,direct`; for GOSUMDB, `go env -u GOSUMDB` or a reachable mirror.',
  },
  'private-module-sumdb': {
    meaning: 'a private module was looked up in the public checksum database (404/410)',
    whatToDo: '`GOPRIVATE=<pattern>`; or `GONOSUMDB=<pattern>` when your proxy serves the module.',
  },
  'sumdb-unreachable': {
    meaning: 'the checksum database could not be reached',
    whatToDo: 'A proxy that serves `/sumdb/`, or `GOSUMDB=sum.golang.google.cn`. Turning `GOSUMDB` off is not offered.',
  },
  'checksum-mismatch': {
    meaning: 'go.sum or the checksum database disagrees with the download (`SECURITY ERROR`)',
    whatToDo: 'Reported, never auto-fixed: find out why the code changed.',
  },
  'git-auth': {
    meaning: 'git needed HTTPS credentials and had none (`terminal prompts disabled`, 401)',
    whatToDo: 'A git credential helper or `~/.netrc`; or fetch over SSH with an `insteadOf` rule.',
  },
  'ssh-auth': {
    meaning: 'SSH key refused (`Permission denied (publickey)`)',
    whatToDo: 'Load the key into ssh-agent and register it, or remove the ssh `insteadOf` rule.',
  },
  'ssh-host-key': {
    meaning: 'host key unknown or changed',
    whatToDo: 'Check the key with `ssh-keyscan` and add it to `~/.ssh/known_hosts`.',
  },
  'repo-not-found': {
    meaning: 'the repository does not exist or is not visible with these credentials',
    whatToDo: 'Check the path and case, and your access.',
  },
  'git-failure': {
    meaning: 'another git failure (`exit status 128` with another cause)',
    whatToDo: 'Read the evidence; a corrupt cache under `$GOMODCACHE/cache/vcs` can be removed.',
  },
  'vcs-missing': {
    meaning: 'git (or another VCS) is not installed',
    whatToDo: 'Install git.',
  },
  'unknown-revision': {
    meaning: 'the version, tag or commit does not exist',
    whatToDo: '`go list -m -versions <module>`; push the tag or pick an existing version.',
  },
  'import-path': {
    meaning: 'the import path could not be resolved to a repository (no go-import meta, no secure protocol)',
    whatToDo: 'Serve go-import meta tags, use a `.git` path, or `GOPRIVATE` plus credentials.',
  },
  'insecure-transport': {
    meaning: 'an insecure URL or redirect was refused',
    whatToDo: 'Serve HTTPS; `GOINSECURE` only for direct fetches you trust.',
  },
  govcs: {
    meaning: '`GOVCS` forbids the VCS for this module',
    whatToDo: 'Allow git for that pattern in `GOVCS`.',
  },
  'module-path': {
    meaning: 'malformed module path, or the module declares a different path',
    whatToDo: 'Require the declared path (`/vN` for v2+), or add a `replace`.',
  },
  'module-content': {
    meaning: "this version's zip holds file names go refuses to extract (invalid characters, names that differ only in case): unusable for everyone",
    whatToDo: 'Require another version (`go list -m -versions`); ask the author for a fixed release.',
  },
  'module-cache': {
    meaning: 'the module cache is corrupt, unwritable, or missing',
    whatToDo: '`go clean -modcache`; fix ownership; or set `GOMODCACHE`.',
  },
  toolchain: {
    meaning: 'a required Go toolchain could not be obtained',
    whatToDo: 'Install that Go, or let `GOTOOLCHAIN=auto` reach `golang.org/toolchain`.',
  },
  'gomod-syntax': {
    meaning: 'go.mod (or go.sum) cannot be read',
    whatToDo: 'Fix the line named in the finding; for go.sum, delete it or run `go mod tidy`.',
  },
  'go-missing': {
    meaning: 'no usable `go`',
    whatToDo: 'Install Go, or set `go.goroot` / `go.alternateTools`.',
  },
  'env-conflict': {
    meaning: 'the configuration contradicts itself: an environment variable shadows `go env -w`, a space inside `GOPRIVATE`',
    whatToDo: 'Remove the spaces; unset the shadowing variable where VS Code or your shell sets it.',
  },
  retracted: {
    meaning:
      "the module author retracted the version (a warning from the [health pass](#dependency-health-retracted-deprecated-newer-why), with the author's rationale; a module your `go.mod` does not require sits on the line that pulls it in, naming the chain)",
    whatToDo: 'Move to the newest version that is not retracted (`go get <module>@<version>`, offered as a fix with a diff of `go.mod` and `go.sum`).',
  },
  deprecated: {
    meaning: "the module author deprecated the module (a warning from the health pass, with the author's message)",
    whatToDo: 'Read the message; when it names a successor module, the fix links to it.',
  },
  unknown: {
    meaning: 'not recognised',
    whatToDo: 'The evidence carries the raw text; please report it.',
  },
  'tool-error': {
    meaning:
      'Go Dependency Health could not do its own part of the check (the temporary copy of `go.mod`/`go.sum` that `go` runs on could not be made), so nothing was downloaded — and `go` was not run on your own files',
    whatToDo: 'Free space or permissions of the temporary folder (`TMPDIR`).',
  },
};

/** The tool, as CI formats name it. */
export const TOOL = { name: 'go-dep-health', fullName: 'Go Dependency Health', version, homepage: homepage.replace(/#.*$/, '') } as const;

/** The README section of a class (its row in the failure-class table). */
export function classHelpUri(failureClass: FailureClass): string {
  return `${TOOL.homepage}#class-${failureClass}`;
}

/** Markdown as plain text: inline code loses its backticks, emphasis its stars. */
export function plainText(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1');
}
