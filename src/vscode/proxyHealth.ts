// What the status bar knows about the proxy: the effective GOPROXY (from the last run's go env)
// and how it fared, from the last probe or, failing that, the last run.

import * as vscode from 'vscode';
import { findingMessage } from '../core/i18n';
import type { FailureClass, Report } from '../core/types';
import { editorLang } from './i18n';
import type { ResultsStore } from './resultsStore';

export type Health = 'ok' | 'slow' | 'failing' | 'unknown';

export interface ProbeOutcome {
  health: Health;
  /** One line for people: "reachable · 83 ms", "refused: connection refused". */
  label: string;
}

/** Probes one GOPROXY value's first URL entry; the engine's network probes do the work. */
export type ProxyProber = (goproxy: string, signal: AbortSignal) => Promise<ProbeOutcome>;

const NETWORK_CLASSES: FailureClass[] = [
  'dns',
  'connection-refused',
  'connect-timeout',
  'stall',
  'http-proxy',
  'tls-certificate',
  'proxy-auth',
  'proxy-server-error',
  'goproxy-config',
];

export function healthFromReport(report: Report): ProbeOutcome {
  const trouble = report.findings.find((finding) => NETWORK_CLASSES.includes(finding.class));
  if (trouble) return { health: 'failing', label: `${trouble.class}: ${findingMessage(trouble, editorLang())}` };
  return { health: 'ok', label: vscode.l10n.t('last check fine ({0} modules)', report.modules.length) };
}

export class ProxyHealth implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private lastProbe: { goproxy: string; outcome: ProbeOutcome; at: number } | undefined;
  private lastRunAt = 0;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ResultsStore) {
    // Runs starting and ending, not every module update: the health changes only then.
    this.subscription = store.onDidChangeRun((root) => {
      if (store.get(root)?.running === false) this.lastRunAt = Date.now();
      this.changed.fire();
    });
  }

  /** The effective GOPROXY as go reported it on the last finished run. */
  get goproxy(): string | undefined {
    for (const result of this.store.all()) if (result.report) return result.report.env.GOPROXY || 'https://proxy.golang.org,direct';
    return undefined;
  }

  get running(): boolean {
    return this.store.all().some((result) => result.running);
  }

  get outcome(): ProbeOutcome {
    const goproxy = this.goproxy;
    if (this.lastProbe && this.lastProbe.goproxy === goproxy && this.lastProbe.at >= this.lastRunAt) return this.lastProbe.outcome;
    const report = this.store.all().find((result) => result.report)?.report;
    return report ? healthFromReport(report) : { health: 'unknown', label: vscode.l10n.t('not checked yet') };
  }

  recordProbe(goproxy: string, outcome: ProbeOutcome): void {
    this.lastProbe = { goproxy, outcome, at: Date.now() };
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
