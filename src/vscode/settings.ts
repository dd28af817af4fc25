// Settings as a typed snapshot, re-read only when a change names our keys (or the Go
// extension's keys we honour: go.goroot, go.alternateTools, go.toolsEnvVars).

import * as vscode from 'vscode';

export type RunOn = 'openAndSave' | 'save' | 'manual';

export interface Settings {
  runOn: RunOn;
  stallTimeoutSeconds: number;
  proxyChoices: string[];
  /** The health pass after each check (goDependencyHealth.checkHealth). */
  checkHealth: boolean;
  /** go.goroot (Go extension). */
  goroot: string | undefined;
  /** go.alternateTools.go (Go extension). */
  alternateGo: string | undefined;
  /** go.toolsEnvVars (Go extension): added to the environment go runs with. */
  toolsEnvVars: Record<string, string>;
}

const WATCHED = ['goDependencyHealth', 'go.goroot', 'go.alternateTools', 'go.toolsEnvVars'];

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) if (typeof item === 'string') out[key] = item;
  }
  return out;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const own = vscode.workspace.getConfiguration('goDependencyHealth', scope);
  const go = vscode.workspace.getConfiguration('go', scope);
  const runOn = own.get<string>('runOn', 'openAndSave');
  const alternateTools = stringRecord(go.get('alternateTools'));
  return {
    runOn: runOn === 'save' || runOn === 'manual' ? runOn : 'openAndSave',
    stallTimeoutSeconds: Math.max(1, own.get<number>('stallTimeoutSeconds', 30)),
    proxyChoices: own.get<string[]>('proxyChoices', []).filter((item) => typeof item === 'string'),
    checkHealth: own.get<boolean>('checkHealth', true) !== false,
    goroot: go.get<string>('goroot') || undefined,
    alternateGo: alternateTools.go || undefined,
    toolsEnvVars: stringRecord(go.get('toolsEnvVars')),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return WATCHED.some((section) => event.affectsConfiguration(section));
}

/** The environment go runs with: the editor's own, plus go.toolsEnvVars, as the Go extension does. */
export function goProcessEnv(settings: Settings): Record<string, string | undefined> {
  return { ...process.env, ...settings.toolsEnvVars };
}
