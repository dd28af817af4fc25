// A real OpenSSH sshd (Debian's openssh-server) on a loopback port, serving the lab's bare git
// repositories over ssh to real git and ssh clients. Its own config, host key and authorized key
// live in a temp folder; the machine's sshd config, keys and service are never touched.
//
// sshd logs in as the user running the tests (root in CI), so URLs carry that user name, not
// `git`: `ssh://<user>@127.0.0.1:PORT/<abs repo path>`. For root, `PermitRootLogin
// prohibit-password` allows exactly the key login the lab needs.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const SSHD = '/usr/sbin/sshd'; // sshd re-executes itself and insists on an absolute path

export interface SshKeyPair {
  /** Path of the private key file (0600, no passphrase). */
  privateKey: string;
  /** The public key line, `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
}

/** A fresh ed25519 key pair in dir, made by ssh-keygen. */
export async function generateKeyPair(dir: string, name: string): Promise<SshKeyPair> {
  const privateKey = path.join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@git-lab`, '-f', privateKey]);
  return { privateKey, publicKey: (await fs.promises.readFile(`${privateKey}.pub`, 'utf8')).trim() };
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, (error, stdout, stderr) => (error ? reject(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * GIT_SSH_COMMAND for the lab: this key only (IdentitiesOnly, and no ~/.ssh/config: ssh reads the
 * passwd home, not $HOME, so the sandbox's HOME would not hide the real one), this known_hosts
 * only. BatchMode stays in because Go adds it only when it sets GIT_SSH_COMMAND itself.
 */
export function gitSshCommand(options: { key: string; knownHosts: string }): string {
  return [
    'ssh -F /dev/null',
    `-i ${shellQuote(options.key)}`,
    '-o IdentitiesOnly=yes',
    `-o UserKnownHostsFile=${shellQuote(options.knownHosts)}`,
    '-o GlobalKnownHostsFile=/dev/null',
    '-o BatchMode=yes',
    '-o ControlMaster=no',
  ].join(' ');
}

export class SshGitServer {
  /** The one key sshd accepts. */
  readonly clientKey: SshKeyPair;
  /** A key sshd has never heard of, for "key refused". */
  readonly strangerKey: SshKeyPair;
  readonly user = os.userInfo().username;
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly reposRoot: string,
    private readonly hostPublicKey: string,
    keys: { client: SshKeyPair; stranger: SshKeyPair },
    private readonly sshd: Sshd,
  ) {
    this.clientKey = keys.client;
    this.strangerKey = keys.stranger;
  }

  /** `ssh://<user>@127.0.0.1:PORT<reposRoot>/`: what `https://git.lab.test/` is rewritten to. */
  get baseUrl(): string {
    return `ssh://${this.user}@127.0.0.1:${this.port}${this.reposRoot}/`;
  }

  /** sshd's own log (LogLevel INFO, all connections): says why a login was refused. */
  get sshdLog(): string {
    return this.sshd.log();
  }

  /** The known_hosts line for this server's host key: `[127.0.0.1]:PORT ssh-ed25519 AAAA…`. */
  knownHostsLine(): string {
    const [type, key] = this.hostPublicKey.split(/\s+/);
    return `[127.0.0.1]:${this.port} ${type} ${key}`;
  }

  /** Writes a known_hosts file (absolute path): with this server's host key, or empty. */
  async writeKnownHosts(file: string, options: { empty?: boolean } = {}): Promise<string> {
    await fs.promises.writeFile(file, options.empty ? '' : `${this.knownHostsLine()}\n`);
    return file;
  }

  static async start(options: { reposRoot: string }): Promise<SshGitServer> {
    if (process.getuid?.() === 0) {
      // As root, sshd wants its privilege-separation folder, which Debian's service unit (not the package) creates.
      await fs.promises.mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    }
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gdh-sshd-'));
    try {
      const host = await generateKeyPair(dir, 'host_ed25519');
      const client = await generateKeyPair(dir, 'client_ed25519');
      const stranger = await generateKeyPair(dir, 'stranger_ed25519');
      await fs.promises.writeFile(path.join(dir, 'authorized_keys'), `${client.publicKey}\n`, { mode: 0o600 });
      // The port is picked free, then bound by sshd: another process may take it in between, so retry.
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const config = path.join(dir, 'sshd_config');
        await fs.promises.writeFile(config, sshdConfig({ port, dir, user: os.userInfo().username }));
        try {
          const started = await startSshd(config);
          return new SshGitServer(port, dir, options.reposRoot, host.publicKey, { client, stranger }, started);
        } catch (error) {
          if (attempt >= 3 || !/Address already in use|Cannot bind/.test(String(error))) throw error;
        }
      }
    } catch (error) {
      await fs.promises.rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Kills sshd and every process below it, then removes its folder. Per-connection sshd
   * processes start their own sessions (setsid), so a process-group kill would miss them: they
   * are found through /proc while sshd is stopped (SIGSTOP), so it cannot fork more meanwhile.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const { process: sshd, exited } = this.sshd;
      if (sshd.pid !== undefined && sshd.exitCode === null && sshd.signalCode === null) {
        sshd.kill('SIGSTOP');
        for (const child of await descendants(sshd.pid)) killQuietly(child);
        sshd.kill('SIGKILL');
      }
      await exited;
      await fs.promises.rm(this.dir, { recursive: true, force: true });
    })();
    return this.stopping;
  }
}

function sshdConfig(o: { port: number; dir: string; user: string }): string {
  return [
    `Port ${o.port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(o.dir, 'host_ed25519')}`,
    'PidFile none',
    `AuthorizedKeysFile ${path.join(o.dir, 'authorized_keys')}`,
    'AuthenticationMethods publickey',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${o.user}`,
    'StrictModes no', // the key files sit under /tmp, which is group/world-writable
    'UsePAM no', // PAM session modules (pam_loginuid …) fail in containers
    'UseDNS no',
    'PrintMotd no',
    'PermitTTY no',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    // sshd runs commands through the user's login shell, and bash sources $HOME/.bashrc for ssh
    // commands: a HOME of our own keeps the machine's shell setup (slow, may print) out, and git
    // must not read the machine's git config either.
    `SetEnv HOME=${o.dir} GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null`,
    'LogLevel INFO',
    '',
  ].join('\n');
}

interface Sshd {
  process: ChildProcess;
  exited: Promise<void>;
  log(): string;
}

/** Starts sshd in the foreground (-D), logging to stderr (-e); resolves once it listens. */
function startSshd(config: string): Promise<Sshd> {
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`sshd exited (${code}) before listening:\n${log}`));
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/Server listening on 127\.0\.0\.1 port \d+/.test(log)) {
        child.off('exit', onExit);
        resolve({ process: child, exited, log: () => log });
      }
    });
    child.once('exit', onExit);
    child.once('error', (error) => reject(new Error(`${SSHD} could not start (${error.message}): is Debian's openssh-server installed?`)));
  });
}

/** A loopback port free right now: bind an ephemeral port, then let it go. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every process below pid, from the parent links in /proc/<pid>/stat (Linux). */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await fs.promises.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await fs.promises.readFile(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
