// Trusted roots for the probes, as Go on Linux finds them: SSL_CERT_FILE replaces the
// distribution's bundle file (crypto/x509 root_linux.go); Node's bundled roots stand in for the
// platform store where Go asks the OS.

import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';

export interface Trust {
  context: tls.SecureContext;
  note: string | null;
}

/** crypto/x509 root_linux.go certFiles: the first one that can be read is used. */
const GO_CERT_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

export async function loadTrust(env: Record<string, string | undefined>, caFile: string | undefined): Promise<Trust> {
  // Node's bundled roots stand in for the platform store (macOS and Windows, where Go asks the OS
  // and ignores SSL_CERT_FILE) and for /etc/ssl/certs, which Go also reads on Linux.
  const ca: string[] = [...tls.rootCertificates];
  let note: string | null = null;
  const sslCertFile = env.SSL_CERT_FILE || undefined;
  if (process.platform !== 'darwin' && process.platform !== 'win32') {
    const bundle = await firstReadable(sslCertFile ? [sslCertFile] : GO_CERT_FILES);
    if (bundle !== null) ca.push(bundle);
    if (sslCertFile) note = bundle === null ? `SSL_CERT_FILE=${sslCertFile} could not be read` : `trusted roots include SSL_CERT_FILE=${sslCertFile}`;
  }
  if (caFile) {
    const extra = await firstReadable([caFile]);
    if (extra !== null) ca.push(extra);
    else note = `${note === null ? '' : `${note}; `}${caFile} could not be read`;
  }
  return { context: tls.createSecureContext({ ca }), note };
}

async function firstReadable(files: string[]): Promise<string | null> {
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) return text;
  }
  return null;
}

export function withTrustNote(why: string, trust: Trust): string {
  return trust.note !== null && /unknown authority/.test(why) ? `${why}; ${trust.note}` : why;
}
