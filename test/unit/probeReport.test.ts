// Probe results as the status-bar picker and the "Diagnose Downloads" page show them.
import { strict as assert } from 'node:assert';
import {
  endpointName,
  formatMs,
  formatProbesMarkdown,
  summarizeProbe,
  type EndpointProbe,
  type GitRemoteProbe,
  type GoProxyProbeResult,
} from '../../src/core/probeReport';

function probe(overrides: Partial<EndpointProbe>): EndpointProbe {
  return {
    url: 'https://proxy.golang.org',
    requestUrl: 'https://proxy.golang.org/sumdb/sum.golang.org/supported',
    via: null,
    steps: [
      { name: 'dns', ok: true, ms: 4, detail: 'proxy.golang.org → 142.250.1.1' },
      { name: 'tcp', ok: true, ms: 20, detail: 'connected to 142.250.1.1:443' },
      { name: 'tls', ok: true, ms: 31, detail: 'TLSv1.3, certificate for proxy.golang.org, valid until Jan  1 00:00:00 2030 GMT' },
      { name: 'http', ok: true, ms: 28, detail: '200 OK' },
    ],
    ok: true,
    totalMs: 83.4,
    httpStatus: 200,
    error: null,
    ...overrides,
  };
}

const expiredCorp = probe({
  url: 'https://goproxy.corp',
  requestUrl: null,
  steps: [
    { name: 'dns', ok: true, ms: 2, detail: 'goproxy.corp → 10.0.0.7' },
    { name: 'tcp', ok: true, ms: 3, detail: 'connected to 10.0.0.7:443' },
    { name: 'tls', ok: false, ms: 5, detail: 'certificate has expired (CERT_HAS_EXPIRED)' },
  ],
  ok: false,
  httpStatus: null,
  error: 'TLS handshake failed: certificate has expired (CERT_HAS_EXPIRED)',
});

describe('probe report', () => {
  describe('summarizeProbe', () => {
    const cases: { name: string; probe: EndpointProbe; health: string; label: string }[] = [
      { name: 'fast', probe: probe({}), health: 'ok', label: 'proxy.golang.org 83 ms' },
      { name: 'at the limit', probe: probe({ totalMs: 1500 }), health: 'ok', label: 'proxy.golang.org 1500 ms' },
      { name: 'slow', probe: probe({ totalMs: 1501 }), health: 'slow', label: 'proxy.golang.org 1501 ms' },
      { name: 'very slow', probe: probe({ totalMs: 12_345 }), health: 'slow', label: 'proxy.golang.org 12.3 s' },
      { name: 'failing step', probe: expiredCorp, health: 'failing', label: 'goproxy.corp: TLS — certificate has expired (CERT_HAS_EXPIRED)' },
      {
        name: 'no step ran',
        probe: probe({ url: 'gopher://x', steps: [], ok: false, error: 'unsupported scheme gopher:' }),
        health: 'failing',
        label: 'gopher://x: unsupported scheme gopher:',
      },
      { name: 'port and path kept', probe: probe({ url: 'http://127.0.0.1:8081/api/go/' }), health: 'ok', label: '127.0.0.1:8081/api/go/ 83 ms' },
    ];
    for (const c of cases) {
      it(c.name, () => {
        assert.deepEqual(summarizeProbe(c.probe), { health: c.health, label: c.label });
      });
    }

    it('takes another slow limit', () => {
      assert.equal(summarizeProbe(probe({ totalMs: 600 }), { slowMs: 500 }).health, 'slow');
    });

    it('never shows credentials', () => {
      const leaky = probe({
        url: 'https://bob:hunter2@goproxy.corp',
        ok: false,
        steps: [{ name: 'http', ok: false, ms: 1, detail: '401 Unauthorized from https://bob:hunter2@goproxy.corp' }],
      });
      const { label } = summarizeProbe(leaky);
      assert.doesNotMatch(label, /hunter2/);
      assert.equal(label, 'goproxy.corp: HTTP — 401 Unauthorized from https://bob:***@goproxy.corp');
    });
  });

  it('formats milliseconds and seconds', () => {
    assert.deepEqual([formatMs(0.4), formatMs(83.6), formatMs(9999), formatMs(10_000)], ['0 ms', '84 ms', '9999 ms', '10.0 s']);
    assert.equal(endpointName('not a url'), 'not a url');
  });

  describe('formatProbesMarkdown', () => {
    const result: GoProxyProbeResult = {
      entries: [
        probe({}),
        {
          ...expiredCorp,
          url: 'https://bob:hunter2@goproxy.corp',
          requestUrl: 'https://goproxy.corp/sumdb/sum.golang.org/supported',
          via: 'http://proxy.corp:3128',
        },
      ],
      sumdb: probe({ url: 'https://sum.golang.org', requestUrl: 'https://sum.golang.org/latest', totalMs: 2100 }),
      configErrors: [],
      durationMs: 2200,
    };
    const markdown = formatProbesMarkdown(result);

    it('renders one section with a step table per endpoint', () => {
      assert.equal(
        markdown.split('\n').slice(0, 14).join('\n'),
        [
          '## Download endpoints',
          '',
          'Probed 3 endpoints in 2200 ms.',
          '',
          '### GOPROXY: proxy.golang.org (ok, 83 ms)',
          '',
          '`https://proxy.golang.org` — `GET /sumdb/sum.golang.org/supported`',
          '',
          '| step | result | time |',
          '| --- | --- | --- |',
          '| DNS | ok: proxy.golang.org → 142.250.1.1 | 4 ms |',
          '| TCP | ok: connected to 142.250.1.1:443 | 20 ms |',
          '| TLS | ok: TLSv1.3, certificate for proxy.golang.org, valid until Jan  1 00:00:00 2030 GMT | 31 ms |',
          '| HTTP | ok: 200 OK | 28 ms |',
        ].join('\n'),
      );
    });

    it('marks the failed step, the forward proxy and slow endpoints', () => {
      assert.match(markdown, /^### GOPROXY: goproxy\.corp \(failing\)$/m);
      assert.match(markdown, /^`https:\/\/bob:\*\*\*@goproxy\.corp` — `GET \/sumdb\/sum\.golang\.org\/supported` through `http:\/\/proxy\.corp:3128`$/m);
      assert.match(markdown, /^\| TLS \| \*\*failed\*\*: certificate has expired \(CERT\\_HAS\\_EXPIRED\) \| 5 ms \|$/m);
      assert.match(markdown, /^### Checksum database: sum\.golang\.org \(slow, 2100 ms\)$/m);
    });

    it('redacts credentials everywhere', () => {
      assert.doesNotMatch(markdown, /hunter2/);
    });

    it('keeps server text from breaking the table or the page', () => {
      const hostile = probe({ ok: false, steps: [{ name: 'http', ok: false, ms: 1, detail: '500 a|b <img src=x> **bold**\nsecond line' }] });
      const text = formatProbesMarkdown({ entries: [hostile], sumdb: null, configErrors: [], durationMs: 1 });
      assert.match(text, /^\| HTTP \| \*\*failed\*\*: 500 a\\\|b \\<img src=x\\> \\\*\\\*bold\\\*\\\* second line \| 1 ms \|$/m);
    });

    it('shows configuration errors, a list with no URL entries, and git probes', () => {
      const git: GitRemoteProbe[] = [
        {
          url: 'https://github.com/acme/private',
          command: 'git ls-remote -q https://x-access-token:ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/acme/private',
          outcome: 'exited',
          exitCode: 128,
          seconds: 0.61,
          stderr: ["fatal: could not read Username for 'https://github.com': terminal prompts disabled"],
          ok: false,
        },
        {
          url: 'git@example.com:a/b.git',
          command: 'git ls-remote -q git@example.com:a/b.git',
          outcome: 'timeout',
          exitCode: null,
          seconds: 10,
          stderr: [],
          ok: false,
        },
      ];
      const text = formatProbesMarkdown({
        entries: [],
        sumdb: null,
        configErrors: ['GOPROXY list is not the empty string, but contains no entries'],
        durationMs: 0,
        git,
      });
      assert.match(text, /^Probed 0 endpoints in 0 ms\.$/m);
      assert.match(text, /^> \*\*Configuration:\*\* GOPROXY list is not the empty string, but contains no entries$/m);
      assert.match(text, /^No GOPROXY entry is a URL/m);
      assert.match(
        text,
        /^\| `git ls-remote -q https:\/\/x-access-token:\*\*\*@github\.com\/acme\/private` \| \*\*exit 128\*\* \| 610 ms \| fatal: could not read Username for 'https:\/\/github\.com': terminal prompts disabled \|$/m,
      );
      assert.match(text, /^\| `git ls-remote -q git@example\.com:a\/b\.git` \| \*\*timeout\*\* \| 10\.0 s \|  \|$/m);
      assert.doesNotMatch(text, /ghp_/);
    });
  });
});
