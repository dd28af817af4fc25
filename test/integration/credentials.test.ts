// Raw inside, redacted at the edges: a credential planted in everything the tool reads (the
// process environment, the go env file, the git config, the proxy URL go fetches through) is kept
// as it is inside — the probe of the proxy really sends it, and is answered — and appears in no
// string the tool renders: the readable report, the JSON, SARIF, GitHub annotations, Code Quality,
// the Markdown report with its probes, the log lines of go's output, fix titles, commands and previews.
import { findingMessage, fixTitle } from '../../src/core/i18n';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAsCommand, previewLines } from '../../src/core/fixRender';
import { LogLineSplitter } from '../../src/core/logLines';
import { formatProbesMarkdown } from '../../src/core/probeReport';
import { redact } from '../../src/core/redact';
import { formatReportText, redactReport } from '../../src/core/report';
import { formatReportMarkdown } from '../../src/core/reportMarkdown';
import { formatCodeQuality } from '../../src/core/codeQuality';
import { formatGithubAnnotations } from '../../src/core/githubAnnotations';
import { formatSarif } from '../../src/core/sarif';
import { previewFix } from '../../src/engine/applyFix';
import { healthLines, whyLines } from '../../src/core/healthText';
import { diagnose } from '../../src/engine/diagnose';
import { checkHealth } from '../../src/engine/health';
import { HealthCache } from '../../src/engine/healthCache';
import { probeGoProxy } from '../../src/engine/goProxyProbe';
import { probeEndpoint } from '../../src/engine/probes';
import { createTestCa, type TestCa } from '../lab/certificates';
import { startAuthFront, type AuthFront } from '../lab/classServers';
import { disposeCases, goModRequiring, goSumFor, openCase, sharedDir } from '../lab/classScenarios';
import { goVersionsUnderTest } from '../lab/goVersions';
import { ModuleProxy } from '../lab/moduleProxy';
import { HEALTHY, MISSING } from '../lab/scenarios';

const SECRETS = {
  goproxy: 'EnvProxyToken4821',
  goenvFile: 'FileProxyToken7390',
  httpsProxy: 'ForwardProxyPass5512',
  gitConfig: 'ghp_Gitc0nfigT0kenAbcdefghij0123456789',
};

describe('credentials: kept inside, used by the probes, shown nowhere', function () {
  this.timeout(120_000);
  const [go] = goVersionsUnderTest().gos;
  let shared: Awaited<ReturnType<typeof sharedDir>>;
  let ca: TestCa;
  let lab: ModuleProxy;
  let front: AuthFront;

  before(async () => {
    shared = await sharedDir();
    ca = await createTestCa(path.join(shared.dir, 'ca'));
    lab = await ModuleProxy.start({ modules: [HEALTHY] });
    // An HTTPS proxy that answers only with these credentials, relaying to the lab proxy.
    front = await startAuthFront(ca, { upstreamPort: Number(new URL(lab.url).port), user: 'alice', password: SECRETS.goproxy });
  });

  after(async () => {
    await front?.close();
    await lab?.close();
    await shared?.cleanup();
  });

  afterEach(disposeCases);

  it('plants a credential in every variable and file it reads; no rendered string holds one, and the probe sent the real one', async () => {
    const proxyWithCredentials = `https://alice:${SECRETS.goproxy}@127.0.0.1:${front.port}`;
    const c = await openCase(go!, {
      files: { 'go.mod': goModRequiring([HEALTHY, MISSING]), 'go.sum': goSumFor(lab, [HEALTHY]) },
      // The go env file's GOPROXY holds another credential; the environment's value shadows it (an env-conflict finding quotes both).
      goEnv: { GOPROXY: `https://alice:${SECRETS.goenvFile}@127.0.0.1:${front.port}` },
      env: {
        SSL_CERT_FILE: ca.certPath,
        GOPROXY: proxyWithCredentials,
        // Not used for loopback (Go skips the proxy for 127.0.0.1), but read, and shown in the report's env.
        HTTPS_PROXY: `http://bob:${SECRETS.httpsProxy}@127.0.0.1:9`,
        NO_PROXY: '127.0.0.1',
      },
    });
    fs.appendFileSync(
      c.sandbox.gitConfigGlobal,
      `[url "https://x-access-token:${SECRETS.gitConfig}@git.lab.test/"]\n\tinsteadOf = https://git.example.invalid/\n`,
    );

    const stderr: string[] = [];
    const { report } = await diagnose({ root: c.root, env: c.env, inactivitySeconds: 20, alternateGoTool: c.goTool, onStderr: (chunk) => stderr.push(chunk) });

    // Inside: the real values, as the actions need them.
    assert.equal(report.env.GOPROXY, proxyWithCredentials, 'the raw report keeps the real GOPROXY');
    assert.equal(report.modules.find((module) => module.path === HEALTHY.path)?.status, 'ok', 'go itself fetched through the proxy with the credentials');
    assert.ok(front.users.includes('alice'), 'the proxy saw alice');
    const conflict = report.findings.find((finding) => finding.class === 'env-conflict');
    assert.ok(conflict && conflict.message.includes(SECRETS.goenvFile), 'the shadowing finding holds the go env file value, raw');

    // The probe acts on the raw value: answered (200 or 404/410 on its request) only with the credentials.
    const probes = await probeGoProxy(report.env, { timeoutMs: 8_000, env: c.env });
    const proxyProbe = probes.entries.find((probe) => probe.url.includes(String(front.port)));
    assert.ok(proxyProbe, JSON.stringify(probes.entries.map((probe) => probe.url)));
    assert.equal(proxyProbe.ok, true, `the probe of the raw GOPROXY was answered: ${JSON.stringify(proxyProbe.steps)}`);
    const withoutSecret = await probeEndpoint(`https://alice:***@127.0.0.1:${front.port}`, { timeoutMs: 8_000, env: c.env });
    assert.equal(withoutSecret.ok, false, 'the same probe with the redacted value is refused: the real one was needed');

    // The health pass goes through the same proxy; its answers, and its cache file, hold no credential.
    const cacheFile = path.join(c.sandbox.dir, 'health.json');
    const withHealth = await checkHealth({ report, env: c.env, inactivitySeconds: 20, cache: new HealthCache(cacheFile) });
    assert.ok(
      withHealth.health && withHealth.health.modules.some((module) => module.path === HEALTHY.path && module.status === 'ok'),
      'the health pass answered',
    );
    const cached = fs.readFileSync(cacheFile, 'utf8');

    // Everything rendered.
    const log: string[] = [];
    const splitter = new LogLineSplitter({ maxLineChars: 2_000, maxRunChars: 200_000 }, (line) => log.push(line));
    for (const chunk of stderr) splitter.push(chunk);
    splitter.end();
    const fixes = report.findings.flatMap((finding) => finding.fixes);
    const previews = await Promise.all(
      fixes.filter((fix) => fix.kind === 'go-env' || fix.kind === 'git-config').map((fix) => previewFix(fix, { goPath: c.goTool, env: c.env, cwd: c.root })),
    );
    const rendered = [
      formatReportText(report),
      formatReportText(report, { allModules: true }),
      JSON.stringify(redactReport(report)),
      formatReportText(withHealth),
      JSON.stringify(redactReport(withHealth)),
      ...withHealth.health.modules.flatMap((module) => [...healthLines(module, new Date()), ...whyLines(module, module.path)].map(redact)),
      cached,
      formatReportMarkdown(report, [formatProbesMarkdown(probes)]),
      // The CI formats (diagnose --format sarif|github|gitlab).
      ...[formatSarif, formatGithubAnnotations, formatCodeQuality].map((format) =>
        format(report, { repoRoot: path.dirname(c.root), fallbackGoMod: path.join(c.root, 'go.mod') }),
      ),
      ...log,
      ...previews.flatMap((preview) => previewLines(preview)),
      // What the editor shows of a fix: its title on the lightbulb, its command when copied.
      ...fixes.flatMap((fix) => [redact(fix.title), redact(fixAsCommand(fix))]),
      // The same in Chinese: rendered from the message arguments, which hold the raw values.
      formatReportText(report, { lang: 'zh-CN' }),
      formatReportMarkdown(report, [formatProbesMarkdown(probes, 'zh-CN')], 'zh-CN'),
      ...previews.flatMap((preview) => previewLines(preview, 'zh-CN')),
      ...report.findings.map((finding) => redact(findingMessage(finding, 'zh-CN'))),
      ...fixes.flatMap((fix) => [redact(fixTitle(fix, 'zh-CN')), redact(fixAsCommand(fix, 'zh-CN'))]),
    ];
    assert.ok(previews.length > 0, 'some fix had a preview to render');
    assert.ok(log.length > 0, 'go printed a trace to log');
    for (const text of rendered) {
      for (const [where, secret] of Object.entries(SECRETS))
        assert.ok(!text.includes(secret), `the ${where} credential is in a rendered string:\n${text.slice(0, 2_000)}`);
    }
  });
});
