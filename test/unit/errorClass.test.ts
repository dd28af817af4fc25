// Error text → failure class, one row per shape Go (or git, or ssh) prints. Texts come from the
// recorded traces and from shared/failure-catalog.md, which quotes Go's source.

import { strict as assert } from 'node:assert';
import { classifyError, withoutServerResponse } from '../../src/core/errorClass';
import type { FailureClass } from '../../src/core/types';

const ROWS: [FailureClass, string][] = [
  [
    'dns',
    'go: example.com/a@v1.0.0: Get "https://goproxy.nonexistent.invalid/example.com/a/@v/v1.0.0.mod": dial tcp: lookup goproxy.nonexistent.invalid: no such host',
  ],
  [
    'dns',
    "go: x@v1: invalid version: git ls-remote -q origin in /c: exit status 128:\n\tfatal: unable to access 'https://git.corp/x/': Could not resolve host: git.corp",
  ],
  ['connection-refused', 'go: example.com/a@v1.0.0: Get "http://127.0.0.1:1/example.com/a/@v/v1.0.0.mod": dial tcp 127.0.0.1:1: connect: connection refused'],
  ['connect-timeout', 'go: a@v1: Get "https://10.0.0.1/a/@v/v1.mod": dial tcp 10.0.0.1:443: i/o timeout'],
  ['connect-timeout', 'go: a@v1: Get "https://p/a/@v/v1.mod": net/http: TLS handshake timeout'],
  ['http-proxy', 'go: a@v1: Get "https://proxy.golang.org/a/@v/v1.mod": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused'],
  ['http-proxy', 'go: a@v1: Get "https://proxy.golang.org/a/@v/v1.mod": Proxy Authentication Required'],
  ['tls-certificate', 'go: a@v1: Get "https://p/a/@v/v1.mod": tls: failed to verify certificate: x509: certificate signed by unknown authority'],
  [
    'tls-certificate',
    'go: a@v1: Get "https://p/a/@v/v1.mod": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time',
  ],
  [
    'proxy-not-found',
    'go: example.com/missing@v1.0.0: reading http://127.0.0.1:3/example.com/missing/@v/v1.0.0.mod: 404 Not Found\n\tserver response: not found: example.com/missing@v1.0.0: invalid version: unknown revision v1.0.0',
  ],
  [
    'proxy-not-found',
    'go: example.com/Other/tool@v0.4.1: reading http://127.0.0.1:4/example.com/%21other/tool/@v/v0.4.1.mod: 410 Gone\n\tserver response: gone',
  ],
  ['proxy-auth', 'go: a@v1: reading http://127.0.0.1:5/a/@v/v1.mod: 401 Unauthorized\n\tserver response: login required'],
  ['proxy-auth', 'go: a@v1: reading https://artifactory/api/go/a/@v/v1.mod: 403 Forbidden'],
  // An offline GOPROXY=file:// folder without the module: go treats it as not found (falls through on ",").
  [
    'proxy-not-found',
    'go: example.com/!other/tool@v0.4.1: reading file:///tmp/m/cache/download/example.com/%21other/tool/@v/v0.4.1.mod: no such file or directory',
  ],
  // GOAUTH values go refuses (cmd/go/internal/auth/auth.go): go stops before any request.
  ['env-conflict', 'go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)'],
  ['env-conflict', 'go: GOAUTH encountered an empty command (GOAUTH=;netrc)'],
  ['env-conflict', 'go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute'],
  // A redirect loop is the server's failure, not an insecure redirect.
  ['proxy-server-error', 'go: example.com/healthy@v1.0.0: Get "https://127.0.0.1:4/example.com/healthy/@v/v1.0.0.mod": stopped after 10 redirects'],
  ['module-cache', 'go: example.com/a@v1.0.0: mkdir /cache/pkg/mod/cache/download/example.com/a/@v: operation not permitted'],
  // A 403 whose body names a policy refuses the version: credentials would not help (issue 16).
  [
    'proxy-refused',
    'go: github.com/a/b@v1.2.3: reading https://proxy.golang.org/github.com/a/b/@v/v1.2.3.zip: 403 Forbidden\n\tserver response: This module version is not available.',
  ],
  [
    'proxy-refused',
    'go: github.com/a/b@v1.2.3: reading https://art.corp/api/go/go-remote/github.com/a/b/@v/v1.2.3.info: 403 Forbidden\n\tserver response: Package github.com/a/b:v1.2.3 download was blocked by JFrog Packages Curation service due to the following policies violated {block-critical}',
  ],
  ['proxy-refused', 'go: a@v1: reading https://p/a/@v/v1.zip: 451 Unavailable For Legal Reasons'],
  // Words about credentials in the body keep it a credentials problem.
  ['proxy-auth', 'go: a@v1: reading https://p/a/@v/v1.mod: 403 Forbidden\n\tserver response: Access denied: a token is required'],
  ['proxy-server-error', 'go: a@v1: reading http://127.0.0.1:6/a/@v/v1.mod: 500 Internal Server Error\n\tserver response: internal error'],
  ['proxy-server-error', 'go: a@v1: read "https://proxy.golang.org/a/@v/v1.zip": stream error: stream ID 4339; INTERNAL_ERROR; received from peer'],
  ['proxy-server-error', 'go: a@v1: invalid response from proxy "https://p": invalid character'],
  ['goproxy-config', 'go: a@v1: module lookup disabled by GOPROXY=off'],
  ['goproxy-config', 'go: a@v1: invalid proxy URL missing scheme: /srv/proxy'],
  [
    'private-module-sumdb',
    'go: corp.example.com/team/lib@v1.2.0: verifying go.mod: corp.example.com/team/lib@v1.2.0/go.mod: reading http://127.0.0.1:7/sumdb/sum.golang.org/lookup/corp.example.com/team/lib@v1.2.0: 404 Not Found\n\tserver response: not found: corp.example.com/team/lib@v1.2.0: invalid version: unknown revision v1.2.0',
  ],
  [
    'private-module-sumdb',
    "go: github.com/acme/private@v1.2.3: verifying module: github.com/acme/private@v1.2.3: reading https://sum.golang.org/lookup/github.com/acme/private@v1.2.3: 410 Gone\n\tserver response:\n\tnot found: github.com/acme/private@v1.2.3: invalid version: git ls-remote -q origin in /tmp/x: exit status 128:\n\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
  ],
  ['sumdb-unreachable', 'go: a@v1: verifying module: a@v1: Get "https://sum.golang.org/lookup/a@v1": dial tcp: lookup sum.golang.org: no such host'],
  // A proxy's mirror of the checksum database failing is the proxy failing (two real threads: test/fixtures/wild/sumdb-*-lookup-5*.json).
  ['proxy-server-error', 'go: a@v1: verifying go.mod: a@v1/go.mod: reading https://p/sumdb/sum.golang.org/lookup/a@v1: 500 Internal Server Error'],
  [
    'checksum-mismatch',
    'verifying example.com/Other/tool@v0.4.1: checksum mismatch\n\tdownloaded: h1:U=\n\tgo.sum:     h1:p=\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.',
  ],
  ['checksum-mismatch', 'go: a@v1: verifying module: checksum mismatch\n\tdownloaded: h1:x\n\tsum.golang.org: h1:y\n\nSECURITY ERROR'],
  [
    'git-auth',
    "go: github.com/acme/private@v1.2.3: invalid version: git ls-remote -q origin in /c: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\nConfirm the import path was entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.",
  ],
  [
    'ssh-auth',
    'go: a@v1: invalid version: git ls-remote -q origin in /c: exit status 128:\n\tgit@github.com: Permission denied (publickey).\n\tfatal: Could not read from remote repository.',
  ],
  [
    'ssh-host-key',
    'go: a@v1: invalid version: git ls-remote -q origin in /c: exit status 128:\n\tHost key verification failed.\n\tfatal: Could not read from remote repository.',
  ],
  [
    'repo-not-found',
    "go: a@v1: invalid version: git ls-remote -q origin in /c: exit status 128:\n\tremote: Repository not found.\n\tfatal: repository 'https://github.com/acme/nope/' not found",
  ],
  ['vcs-missing', 'go: missing git command. See https://golang.org/s/gogetcmd'],
  ['vcs-missing', 'go: missing Git command. See https://golang.org/s/gogetcmd'],
  ['vcs-missing', 'go: h/x.git@v1: no secure protocol found for repository\n\tgit (run again to see why): exec: "git": executable file not found in $PATH'],
  [
    'git-failure',
    "go: h/x.git@v1: no secure protocol found for repository\n\tgit ls-remote https://h/x (run again to see why): exit status 128:\n\t\tfatal: unable to access 'http://127.0.0.1:1/x/': The requested URL returned error: 500",
  ],
  [
    'git-auth',
    "go: h/x.git@v1: no secure protocol found for repository\n\tgit ls-remote https://h/x (run again to see why): exit status 128:\n\t\tfatal: could not read Username for 'http://127.0.0.1:4000': terminal prompts disabled",
  ],
  [
    'ssh-host-key',
    'go: h/x.git@v1: no secure protocol found for repository\n\tgit ls-remote https://h/x (run again to see why; git connects to ssh://u@127.0.0.1:2222/x): exit status 128:\n\t\tHost key verification failed.',
  ],
  ['module-cache', 'go: a@v1: mkdir /gp/pkg/mod/cache/download/a: read-only file system'],
  ['unknown-revision', 'go: a@v9.9.9: invalid version: unknown revision v9.9.9'],
  ['unknown-revision', 'go: a@latest: no matching versions for query "latest"'],
  ['import-path', 'go: corp.example/x@v1: unrecognized import path "corp.example/x": parse https://corp.example/x?go-get=1: no go-import meta tags ()'],
  ['import-path', 'go: example.com/x.git@v1: no secure protocol found for repository'],
  ['insecure-transport', 'go: a@v1: Get "https://p/a/@v/v1.mod": redirected from secure URL https://p/a to insecure URL http://p/a'],
  ['govcs', "go: a@v1: GOVCS disallows using git for public a; see 'go help vcs'"],
  ['module-path', 'go: Example.com/x@v1: malformed module path "Example.com/x": missing dot in first path element'],
  ['module-path', 'go: a@v1: parsing go.mod:\n\tmodule declares its path as: b\n\t        but was required as: a'],
  ['module-cache', 'go: a@v1: mkdir /gp/pkg/mod/cache/download/a: permission denied'],
  ['module-cache', 'zip: not a valid zip file'],
  ['toolchain', 'go: downloading go1.99.0 (linux/amd64)\ngo: download go1.99.0 for linux/amd64: toolchain not available'],
  ['toolchain', 'go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)'],
  ['git-failure', 'go: a@v1: invalid version: git fetch -f origin in /c: exit status 128:\n\tfatal: something unusual happened'],
  ['unknown', 'go: something nobody has seen before'],
];

describe('classifyError', () => {
  for (const [expected, text] of ROWS) {
    it(`${expected}: ${text.split('\n')[0]!.slice(0, 90)}`, () => {
      assert.equal(classifyError(text).class, expected);
    });
  }

  it('names the URL and status of an HTTP failure', () => {
    const facts = classifyError('go: a@v1: reading http://127.0.0.1:6/a/@v/v1.mod: 500 Internal Server Error');
    assert.equal(facts.url, 'http://127.0.0.1:6/a/@v/v1.mod');
    assert.equal(facts.status, 500);
  });

  it('names the URL git asked credentials for (after insteadOf rewrites)', () => {
    assert.equal(
      classifyError(
        "go: x@v1: no secure protocol found for repository\n\tgit ls-remote https://h/x (run again to see why): exit status 128:\n\t\tfatal: could not read Username for 'http://127.0.0.1:4000': terminal prompts disabled",
      ).url,
      'http://127.0.0.1:4000',
    );
  });

  it('names the URL of a transport failure', () => {
    assert.equal(
      classifyError('go: a@v1: Get "http://127.0.0.1:1/a/@v/v1.mod": dial tcp 127.0.0.1:1: connect: connection refused').url,
      'http://127.0.0.1:1/a/@v/v1.mod',
    );
  });

  it('ignores what the server said about its own problem', () => {
    const text =
      'go: a@v1: reading https://p/a/@v/v1.info: 404 Not Found\n\tserver response:\n\tnot found: a@v1: terminal prompts disabled\n\tConfirm the import path';
    assert.equal(withoutServerResponse(text), 'go: a@v1: reading https://p/a/@v/v1.info: 404 Not Found');
    assert.equal(classifyError(text).class, 'proxy-not-found');
  });
});
