// Credentials never leave the core in clear text.

import { strict as assert } from 'node:assert';
import { redact, redactDeep } from '../../src/core/redact';

const ROWS: [string, string, string][] = [
  ['URL password', 'GOPROXY=https://alice:s3cret@goproxy.corp/mod', 'GOPROXY=https://alice:***@goproxy.corp/mod'],
  ['Go-redacted password', '# get https://alice:xxxxx@goproxy.corp/a/@v/list', '# get https://alice:***@goproxy.corp/a/@v/list'],
  [
    'token as URL user',
    "fatal: unable to access 'https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/acme/x/'",
    "fatal: unable to access 'https://***@github.com/acme/x/'",
  ],
  ['ssh address kept', 'git@github.com: Permission denied (publickey).', 'git@github.com: Permission denied (publickey).'],
  ['plain user kept', 'ssh://git@127.0.0.1:2222/repo.git', 'ssh://git@127.0.0.1:2222/repo.git'],
  ['query token', 'GET https://p/a?access_token=abc123&x=1', 'GET https://p/a?access_token=***&x=1'],
  ['private_token', 'https://gitlab/api?private_token=glpat-xyz', 'https://gitlab/api?private_token=***'],
  ['auth header', 'Authorization: Bearer eyJhbGciOi.abc.def', 'Authorization: Bearer ***'],
  ['proxy auth header', 'Proxy-Authorization: Basic dXNlcjpwYXNz', 'Proxy-Authorization: Basic ***'],
  ['bare GitHub token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123 leaked', 'token *** leaked'],
  ['netrc password', 'machine github.com login me password hunter2', 'machine github.com login me password ***'],
  [
    'netrc guidance keeps its placeholder',
    'Add `machine proxy.corp login <user> password <token>` to ~/.netrc',
    'Add `machine proxy.corp login <user> password <token>` to ~/.netrc',
  ],
  [
    'nothing to hide',
    'go: example.com/a@v1.0.0: reading https://proxy.golang.org/a/@v/v1.0.0.mod: 404 Not Found',
    'go: example.com/a@v1.0.0: reading https://proxy.golang.org/a/@v/v1.0.0.mod: 404 Not Found',
  ],
];

describe('redact', () => {
  for (const [what, input, expected] of ROWS) {
    it(what, () => {
      assert.equal(redact(input), expected);
    });
  }

  it('is idempotent', () => {
    for (const [, input] of ROWS) assert.equal(redact(redact(input)), redact(input));
  });

  it('redacts every string in a nested value and keeps its shape', () => {
    const value = { env: { GOPROXY: 'https://u:p@h' }, list: ['https://u:p@h', 3, null], ok: true };
    assert.deepEqual(redactDeep(value), { env: { GOPROXY: 'https://u:***@h' }, list: ['https://u:***@h', 3, null], ok: true });
  });
});
