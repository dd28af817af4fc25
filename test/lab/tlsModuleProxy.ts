// The lab module proxy over HTTPS, with the certificate problems users meet behind corporate
// networks: a root that is not installed, an expired certificate, a certificate for another host.
// The client trusts the lab CA through SSL_CERT_FILE, which Go honours on Unix.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { issueCertificate, issueUntrustedCertificate, type TestCa } from './certificates';
import { GO, type GoSandbox } from './goSandbox';
import { ModuleProxy, type LabModule, type SumDbOptions } from './moduleProxy';

/**
 * trusted: signed by ca for hosts; untrusted: signed by a CA of its own; expired: signed by ca
 * but notAfter is yesterday; wrong-host: signed by ca, but only for WRONG_HOST.
 */
export type TlsMode = 'trusted' | 'untrusted' | 'expired' | 'wrong-host';

/** The only name a wrong-host certificate is valid for. */
export const WRONG_HOST = 'other.example';

export interface TlsModuleProxyOptions {
  mode: TlsMode;
  /** What the certificate is for (except in wrong-host mode); 127.0.0.1 by default. */
  hosts?: string[];
  modules?: LabModule[];
  sumdb?: SumDbOptions;
}

/** A ModuleProxy whose url is https://127.0.0.1:<port>, with a certificate chosen by mode. */
export async function startTlsModuleProxy(ca: TestCa, options: TlsModuleProxyOptions): Promise<ModuleProxy> {
  const hosts = options.hosts ?? ['127.0.0.1'];
  const issued =
    options.mode === 'untrusted'
      ? await issueUntrustedCertificate(await fs.promises.mkdtemp(path.join(ca.dir, 'untrusted-')), { hosts })
      : await issueCertificate(ca, { hosts: options.mode === 'wrong-host' ? [WRONG_HOST] : hosts, expired: options.mode === 'expired' });
  const [key, cert] = await Promise.all([fs.promises.readFile(issued.keyPath), fs.promises.readFile(issued.certPath)]);
  return ModuleProxy.start({ modules: options.modules ?? [], ...(options.sumdb ? { sumdb: options.sumdb } : {}), tls: { key, cert } });
}

/** The port of a lab server's url, e.g. for a forward proxy route. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/**
 * A `go` wrapper that resolves names from its own hosts file only (name -> IP), in a private
 * mount namespace: like offlineDnsGo in scenarios.ts, plus /etc/hosts bind-mounted, so a test can
 * reach the lab under a real host name while no DNS query leaves the machine.
 */
export function hostsFileGo(sandbox: GoSandbox, hosts: Record<string, string>): string {
  const nsswitch = path.join(sandbox.dir, 'nsswitch.conf');
  const hostsFile = path.join(sandbox.dir, 'hosts');
  fs.writeFileSync(nsswitch, 'hosts: files\n');
  fs.writeFileSync(hostsFile, ['127.0.0.1 localhost', ...Object.entries(hosts).map(([name, ip]) => `${ip} ${name}`), ''].join('\n'));
  const wrapper = path.join(sandbox.dir, 'go-hosts-file');
  const mounts = 'mount --bind "$1" /etc/nsswitch.conf && mount --bind "$2" /etc/hosts && shift 2 && exec "$@"';
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec unshare -m --propagation private sh -c '${mounts}' sh ${nsswitch} ${hostsFile} ${GO} "$@"\n`, { mode: 0o755 });
  return wrapper;
}
