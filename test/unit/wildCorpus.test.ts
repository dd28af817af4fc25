// Real users' errors (test/fixtures/wild/): each case is what someone pasted into a public thread,
// with the class and the first fix decided from how the thread was solved — before the classifier
// ran, and never changed to match it. Every case is replayed through diagnosePasted, the code behind
// `go-dep-health explain`, and the suite prints the accuracy per class and holds it to its budget.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { diagnosePasted } from '../../src/core/pasted';
import { FAILURE_CLASSES, type FailureClass, type Finding } from '../../src/core/types';

export interface WildCase {
  id: string;
  family: string;
  source: string;
  sourceTitle: string;
  output: string;
  env: Record<string, string>;
  goVersion: string | null;
  os: string | null;
  resolution: string;
  expectedClass: FailureClass;
  acceptableClasses: FailureClass[];
  expectedFirstFix: string | null;
  acceptableFixes: string[];
  ambiguous: string | null;
}

const DIR = path.join(__dirname, '..', 'fixtures', 'wild');
/** Class right for at least this share of the cases, first fix right for this share of those that name one. */
export const BUDGET = { classRight: 0.95, firstFixRight: 0.9 };

export function loadWildCases(): WildCase[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, data: JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as WildCase }))
    .map(({ name, data }) => {
      assert.equal(data.id, name.replace(/\.json$/, ''), `${name}: the id is the file name`);
      return data;
    });
}

/** The fix ids the corpus may name: the table of its README. */
function fixVocabulary(): Set<string> {
  const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Fix ids'));
  return new Set(
    [...table.matchAll(/^\| `([a-z0-9-]+)`(?: \/ `([a-z0-9-]+)`)? \|/gm)].flatMap((match) =>
      [match[1]!, match[2]].filter((id): id is string => id !== undefined),
    ),
  );
}

/** The finding the case is about: the first error (findings of several modules come in go's order). */
export function primaryFinding(findings: Finding[]): Finding | undefined {
  return findings.find((finding) => finding.severity === 'error') ?? findings[0];
}

export interface CaseOutcome {
  wild: WildCase;
  got: Finding | undefined;
  classRight: boolean;
  /** null: the thread's fix is outside the fix vocabulary (vendoring, a server fix): not scored. */
  fixRight: boolean | null;
}

export function judge(wild: WildCase): CaseOutcome {
  const got = primaryFinding(diagnosePasted({ text: wild.output, env: wild.env }));
  const classRight = got !== undefined && [wild.expectedClass, ...wild.acceptableClasses].includes(got.class);
  const firstFix = got?.fixes[0]?.id ?? null;
  const fixRight = wild.expectedFirstFix === null ? null : firstFix !== null && [wild.expectedFirstFix, ...wild.acceptableFixes].includes(firstFix);
  return { wild, got, classRight, fixRight };
}

export function accuracyTable(outcomes: CaseOutcome[]): string {
  const rows = new Map<string, CaseOutcome[]>();
  for (const outcome of outcomes) rows.set(outcome.wild.expectedClass, [...(rows.get(outcome.wild.expectedClass) ?? []), outcome]);
  const line = (name: string, list: CaseOutcome[]) => {
    const scored = list.filter((outcome) => outcome.fixRight !== null);
    const fixes = scored.filter((outcome) => outcome.fixRight).length;
    return `| ${name} | ${list.length} | ${list.filter((outcome) => outcome.classRight).length} | ${scored.length === 0 ? '—' : `${fixes} of ${scored.length}`} |`;
  };
  return [
    '| expected class | cases | class right | first fix right |',
    '|---|---|---|---|',
    ...[...rows.keys()].sort().map((name) => line(`\`${name}\``, rows.get(name)!)),
    line('**all**', outcomes),
  ].join('\n');
}

describe("real users' errors (test/fixtures/wild)", () => {
  const cases = loadWildCases();
  const vocabulary = fixVocabulary();

  it('holds at least 150 cases, each well formed: a source, the output, a known class and fix ids from the vocabulary', () => {
    assert.ok(cases.length >= 150, `${cases.length} cases`);
    for (const wild of cases) {
      assert.match(wild.source, /^https?:\/\//, `${wild.id}: source`);
      assert.ok(wild.output.trim().length > 0, `${wild.id}: output`);
      assert.ok(wild.resolution.trim().length > 0, `${wild.id}: resolution`);
      for (const cls of [wild.expectedClass, ...wild.acceptableClasses])
        assert.ok((FAILURE_CLASSES as readonly string[]).includes(cls), `${wild.id}: class ${cls}`);
      for (const id of [wild.expectedFirstFix, ...wild.acceptableFixes])
        assert.ok(id === null || vocabulary.has(id), `${wild.id}: fix ${id} is not in the README's vocabulary`);
    }
  });

  it(`classifies at least ${BUDGET.classRight * 100} % right and offers the fix that solved the thread first for at least ${BUDGET.firstFixRight * 100} %`, () => {
    const outcomes = cases.map(judge);
    const classRight = outcomes.filter((outcome) => outcome.classRight).length / outcomes.length;
    const scored = outcomes.filter((outcome) => outcome.fixRight !== null);
    const fixRight = scored.filter((outcome) => outcome.fixRight).length / scored.length;
    console.log(`\n${accuracyTable(outcomes)}\n`);
    console.log(
      `      class right ${(classRight * 100).toFixed(1)} % of ${outcomes.length}; first fix right ${(fixRight * 100).toFixed(1)} % of the ${scored.length} whose thread names a fix in the vocabulary`,
    );
    const wrong = outcomes.filter((outcome) => !outcome.classRight || outcome.fixRight === false);
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    assert.ok(
      readme.includes(accuracyTable(outcomes)),
      "the README's table of the corpus differs from what was measured: replace it with the table printed above",
    );
    const details = wrong.map(
      (outcome) =>
        `${outcome.wild.id}: got ${outcome.got?.class ?? 'nothing'} [${outcome.got?.fixes.map((fix) => fix.id).join(', ') ?? ''}], want ${outcome.wild.expectedClass} [${outcome.wild.expectedFirstFix ?? '—'}]`,
    );
    if (process.env.GDH_WILD_VERBOSE === '1') console.log(details.join('\n'));
    assert.ok(classRight >= BUDGET.classRight && fixRight >= BUDGET.firstFixRight, `below budget; the cases it gets wrong:\n${details.join('\n')}`);
  });
});
