// The steps of a probe (DNS, TCP, proxy CONNECT, TLS, HTTP): each with its own deadline and the
// caller's cancellation, the sockets it opened tracked for one final destroy, and every failure
// turned into a readable reason.

import type * as net from 'node:net';
import type { ProbeStep, ProbeStepName } from '../core/probeReport';
import { redact } from '../core/redact';

/** Milliseconds since `since`, to a tenth. */
export function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

export interface StepOutcome<T> {
  value: T;
  detail: string;
}

/** A failure whose message is already readable. */
export class ProbeProblem extends Error {}
export class StepTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
/** Thrown by ProbeRun.step after it recorded the failed step; the message is the probe's error. */
export class StepFailed extends Error {}

export const STEP_ACTIONS: Record<ProbeStepName, string> = {
  dns: 'DNS lookup',
  tcp: 'TCP connect',
  tls: 'TLS handshake',
  proxy: 'proxy CONNECT',
  http: 'HTTP request',
  file: 'file:// entry',
};

export class ProbeRun {
  readonly steps: ProbeStep[] = [];
  private readonly sockets = new Set<net.Socket>();
  private closed = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  track<T extends net.Socket>(socket: T): T {
    // A late error (an RST after the step gave up) must not become an uncaught 'error' event.
    socket.on('error', () => undefined);
    if (this.closed) socket.destroy();
    else this.sockets.add(socket);
    return socket;
  }

  close(): void {
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** Runs one step under its own deadline and records it; throws StepFailed so the probe stops there. */
  async step<T>(name: ProbeStepName, work: (signal: AbortSignal) => Promise<StepOutcome<T>>, explain: (why: string) => string = (why) => why): Promise<T> {
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new StepTimeout(this.timeoutMs)), this.timeoutMs);
    const cancel = () => controller.abort(new Cancelled());
    if (this.signal?.aborted) cancel();
    else this.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const outcome = await untilAborted(() => work(controller.signal), controller.signal);
      this.steps.push({ name, ok: true, ms: elapsed(started), detail: outcome.detail });
      return outcome.value;
    } catch (error) {
      const detail = explain(failureReason(name, error));
      this.steps.push({ name, ok: false, ms: elapsed(started), detail });
      throw new StepFailed(error instanceof Cancelled ? 'cancelled' : `${STEP_ACTIONS[name]} failed: ${detail}`);
    } finally {
      clearTimeout(timer);
      this.signal?.removeEventListener('abort', cancel);
    }
  }
}

/** Settles with work, or rejects as soon as signal aborts (the work's sockets are destroyed by ProbeRun.close). */
export function untilAborted<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export const ERROR_TEXTS: Record<string, string> = {
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'temporary DNS failure (EAI_AGAIN)',
  EAI_FAIL: 'DNS server failure (EAI_FAIL)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'timed out',
  EPIPE: 'connection closed by the server',
};

// Go's wording first ("x509: certificate signed by unknown authority"), node's code in parentheses.
export const TLS_TEXTS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by unknown authority (no chain to a trusted root was sent)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by unknown authority (its issuer is not a trusted root)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by unknown authority (its issuer is not a trusted root)',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate signed by unknown authority (self-signed root in the chain)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate signed by unknown authority (self-signed certificate)',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_REVOKED: 'certificate has been revoked',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS (plain HTTP on an https URL?)',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the server does not speak TLS (plain HTTP on an https URL?)',
};

export function failureReason(step: ProbeStepName, error: unknown): string {
  if (error instanceof StepTimeout) return step === 'http' ? `no response within ${error.ms} ms` : `no answer within ${error.ms} ms`;
  if (error instanceof Cancelled || error instanceof ProbeProblem) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (step === 'http' && code === 'ECONNRESET') return 'the server closed the connection without answering';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `certificate is for another host: ${stringOf((error as { reason?: unknown }).reason)} (${code})`;
  if (typeof code === 'string' && TLS_TEXTS[code] !== undefined) return `${TLS_TEXTS[code]} (${code})`;
  if (typeof code === 'string' && ERROR_TEXTS[code] !== undefined) return ERROR_TEXTS[code];
  return redact(error instanceof Error ? error.message : String(error));
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
