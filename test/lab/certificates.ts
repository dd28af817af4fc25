// Throwaway certificate authorities for the TLS lab, made with the real `openssl` CLI so the
// certificates are what a corporate CA or a self-signed module host would hand out, not something
// shaped by a JavaScript library. Everything lives in a folder the caller owns and removes.
//
// Leaf certificates go through `openssl ca` rather than `openssl x509 -req`: OpenSSL 3.0 (the
// machine's) has no `-not_before`/`-not_after` on x509, and `ca -startdate/-enddate` is the way
// to put notAfter in the past for the expired case.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

const OPENSSL = '/usr/bin/openssl';
const run = promisify(execFile);

export interface TestCa {
  dir: string;
  /** PEM; what a client trusts, e.g. via SSL_CERT_FILE for go. */
  certPath: string;
  keyPath: string;
}

export interface IssuedCertificate {
  certPath: string;
  keyPath: string;
}

export interface IssueOptions {
  /** Subject alternative names: IP addresses become IP SANs, anything else a DNS SAN. */
  hosts: string[];
  /** notBefore two days ago, notAfter yesterday. */
  expired?: boolean;
}

/** Only for openssl's own config files: makes the EC P-256 keys (fast) and never reads the machine's openssl.cnf. */
const REQ_CONFIG = ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', 'CN = unused', ''].join('\n');

async function openssl(args: string[]): Promise<void> {
  try {
    await run(OPENSSL, args, { env: { PATH: '/usr/bin:/bin', OPENSSL_CONF: '/dev/null' } });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr || String(error)}`);
  }
}

/** A new CA (key + self-signed certificate, valid for a week) in dir, which is created if needed. */
export async function createTestCa(dir: string, commonName = 'Go Dependency Health Lab CA'): Promise<TestCa> {
  await fs.promises.mkdir(dir, { recursive: true });
  const config = path.join(dir, 'ca.cnf');
  // Go only accepts an issuer with basicConstraints CA:TRUE and, when keyUsage is present, keyCertSign.
  await fs.promises.writeFile(
    config,
    REQ_CONFIG + ['[ext]', 'basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash', ''].join('\n'),
  );
  const ca: TestCa = { dir, certPath: path.join(dir, 'ca.pem'), keyPath: path.join(dir, 'ca.key') };
  await openssl([
    'req',
    '-x509',
    '-new',
    '-config',
    config,
    '-extensions',
    'ext',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    ca.keyPath,
    '-out',
    ca.certPath,
    '-days',
    '7',
    '-subj',
    `/CN=${commonName}`,
  ]);
  return ca;
}

/** A server certificate for hosts signed by ca, in a fresh folder under ca.dir. */
export async function issueCertificate(ca: TestCa, options: IssueOptions): Promise<IssuedCertificate> {
  if (options.hosts.length === 0) throw new Error('a certificate needs at least one host');
  const dir = await fs.promises.mkdtemp(path.join(ca.dir, 'leaf-'));
  const cert: IssuedCertificate = { certPath: path.join(dir, 'cert.pem'), keyPath: path.join(dir, 'key.pem') };
  const csr = path.join(dir, 'req.csr');
  const sans = options.hosts.map((h) => (net.isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(', ');
  const config = path.join(dir, 'leaf.cnf');
  await fs.promises.writeFile(
    config,
    REQ_CONFIG +
      caSection(dir) +
      [
        '[leaf]',
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature',
        'extendedKeyUsage = serverAuth',
        `subjectAltName = ${sans}`,
        '',
      ].join('\n'),
  );
  await fs.promises.writeFile(path.join(dir, 'index.txt'), '');

  // The CN is the first host, but Go (since 1.15) only looks at the SANs.
  await openssl([
    'req',
    '-new',
    '-config',
    config,
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    cert.keyPath,
    '-out',
    csr,
    '-subj',
    `/CN=${options.hosts[0]}`,
  ]);
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  // Valid ones start an hour ago so a clock a little behind does not make them "not yet valid".
  const [start, end] = options.expired ? [now - 2 * day, now - day] : [now - 60 * 60 * 1000, now + 7 * day];
  await openssl([
    'ca',
    '-batch',
    '-notext',
    '-config',
    config,
    '-name',
    'lab',
    '-extensions',
    'leaf',
    '-cert',
    ca.certPath,
    '-keyfile',
    ca.keyPath,
    '-startdate',
    asn1Time(start),
    '-enddate',
    asn1Time(end),
    '-in',
    csr,
    '-out',
    cert.certPath,
  ]);
  return cert;
}

/**
 * A certificate for hosts from a CA of its own, made in dir: nothing the client trusts signed it,
 * like a self-signed module host or a TLS-intercepting proxy whose root is not installed.
 */
export async function issueUntrustedCertificate(dir: string, options: IssueOptions): Promise<IssuedCertificate> {
  const rogue = await createTestCa(dir, 'Untrusted Lab CA');
  return issueCertificate(rogue, options);
}

/** `openssl ca` wants a database and a serial source even for one certificate. */
function caSection(dir: string): string {
  return [
    '[lab]',
    `database = ${dir}/index.txt`,
    `new_certs_dir = ${dir}`,
    'rand_serial = yes',
    'default_md = sha256',
    'policy = any',
    'unique_subject = no',
    'copy_extensions = none',
    '[any]',
    'commonName = supplied',
    '',
  ].join('\n');
}

/** GeneralizedTime, YYYYMMDDHHMMSSZ, as `openssl ca -startdate/-enddate` take it. */
function asn1Time(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
