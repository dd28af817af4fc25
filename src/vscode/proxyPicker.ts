// The GOPROXY switcher: the current value, common choices and a custom one, each probed for
// reachability and latency when the picker opens; then where to write it (`go env -w` by
// default, or this workspace's go.toolsEnvVars), a preview through the fix flow, and a re-run.
// The current value is the raw one (a probe of a proxy that needs its credentials must send them);
// it is shown redacted, and a credential is never pre-filled or written: Go reads those from
// ~/.netrc or GOAUTH.

import * as vscode from 'vscode';
import { goproxySet } from '../core/fixes';
import { DEFAULT_GOPROXY } from '../core/goenv';
import { parseGoProxy, withoutCredentials } from '../core/goproxyList';
import { redact } from '../core/redact';
import type { FixService } from './fixService';
import type { ProbeOutcome, ProxyHealth, ProxyProber } from './proxyHealth';
import type { RunService } from './runService';
import type { Settings } from './settings';

interface ProxyItem extends vscode.QuickPickItem {
  /** A GOPROXY value; null for the Custom… item. */
  value: string | null;
}

const PROBE_ICON: Record<ProbeOutcome['health'], string> = { ok: '$(pass)', slow: '$(watch)', failing: '$(error)', unknown: '$(question)' };

function validateGoProxy(value: string): string | undefined {
  if (withoutCredentials(value) !== value || redact(value) !== value)
    return vscode.l10n.t('No credentials in GOPROXY: put them in ~/.netrc (machine <host> login <user> password <token>) or use GOAUTH');
  const { errors } = parseGoProxy(value);
  return errors[0];
}

export interface PickerDeps {
  settings: () => Settings;
  health: ProxyHealth;
  runs: RunService;
  fixes: FixService;
  probe: ProxyProber;
}

/** Offers the choices and probes them; resolves with the chosen value (undefined: dismissed). */
async function pickValue(deps: PickerDeps, current: string): Promise<string | undefined> {
  const values = [current, ...deps.settings().proxyChoices.filter((choice) => choice !== current)];
  const items: ProxyItem[] = values.map((value) => ({
    value,
    label: redact(value),
    description: value === current ? vscode.l10n.t('current') : undefined,
    detail: `$(loading~spin) ${vscode.l10n.t('measuring…')}`,
  }));
  items.push({ value: null, label: `$(edit) ${vscode.l10n.t('Custom…')}`, description: vscode.l10n.t('type a GOPROXY value') });
  const picker = vscode.window.createQuickPick<ProxyItem>();
  picker.title = 'GOPROXY';
  picker.placeholder = vscode.l10n.t('Choose where Go downloads modules from');
  picker.items = items;
  picker.busy = true;
  const controller = new AbortController();
  const probes = items
    .flatMap((item) => (item.value === null ? [] : [{ item, value: item.value }]))
    .map(async ({ item, value }) => {
      const outcome = await deps
        .probe(value, controller.signal)
        .catch((error: unknown) => ({ health: 'failing' as const, label: error instanceof Error ? error.message : String(error) }));
      item.detail = `${PROBE_ICON[outcome.health]} ${redact(outcome.label)}`;
      if (value === current) deps.health.recordProbe(current, outcome);
      picker.items = [...items];
    });
  void Promise.all(probes).then(() => (picker.busy = false));
  try {
    const chosen = await new Promise<ProxyItem | undefined>((resolve) => {
      picker.onDidAccept(() => resolve(picker.selectedItems[0]));
      picker.onDidHide(() => resolve(undefined));
      picker.show();
    });
    if (!chosen) return undefined;
    if (chosen.value !== null) return chosen.value;
    // Pre-filled without the credentials the current value may hold: what is typed here is written as it is.
    return vscode.window.showInputBox({
      title: vscode.l10n.t('Custom GOPROXY'),
      value: withoutCredentials(current),
      prompt: vscode.l10n.t('Comma- or pipe-separated list of proxy URLs, then direct or off (credentials go in ~/.netrc or GOAUTH)'),
      validateInput: validateGoProxy,
    });
  } finally {
    controller.abort();
    picker.dispose();
  }
}

export async function chooseGoProxy(deps: PickerDeps): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Go Dependency Health changes nothing in an untrusted workspace.'));
    return;
  }
  const current = deps.health.goproxy ?? DEFAULT_GOPROXY;
  const value = await pickValue(deps, current);
  if (value === undefined || value === current) return;
  const target = await vscode.window.showQuickPick(
    [
      {
        label: vscode.l10n.t('Go env file (go env -w)'),
        description: vscode.l10n.t('default'),
        detail: vscode.l10n.t('Used by go in every terminal, by gopls and by this extension'),
        target: 'goenv' as const,
      },
      {
        label: vscode.l10n.t('This workspace only (go.toolsEnvVars)'),
        detail: vscode.l10n.t('A workspace setting the Go extension and this extension pass to go'),
        target: 'workspace' as const,
      },
    ],
    { title: vscode.l10n.t('Write GOPROXY={0} to…', redact(value)) },
  );
  if (!target) return;
  const root = deps.runs.moduleRoots[0]?.root;
  if (target.target === 'goenv') {
    if (root) await deps.fixes.apply(root, [goproxySet(value, current)], undefined);
    return;
  }
  const config = vscode.workspace.getConfiguration('go');
  const envVars = { ...(config.get<Record<string, string>>('toolsEnvVars') ?? {}), GOPROXY: value };
  await config.update('toolsEnvVars', envVars, vscode.ConfigurationTarget.Workspace);
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('GOPROXY for this workspace is now {0}.', redact(value)), vscode.l10n.t('Check Now'));
  if (choice) await deps.runs.runAllNow();
}
