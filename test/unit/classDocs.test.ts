// The class descriptions the CI formats carry (SARIF rules, Code Quality) are the README's
// failure-class table, row by row: change one, and this says the other must follow.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLASS_DOCS, classHelpUri, plainText, TOOL } from '../../src/core/classDocs';
import { FAILURE_CLASSES } from '../../src/core/types';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The README's failure-class rows: class, meaning, what to do (cells split on unescaped `|`). */
function readmeRows(): Map<string, { meaning: string; whatToDo: string }> {
  const rows = new Map<string, { meaning: string; whatToDo: string }>();
  for (const line of README.split('\n')) {
    const anchor = /^\| <a id="class-([a-z-]+)"><\/a>`([a-z-]+)` \|/.exec(line);
    if (!anchor) continue;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/\\\|/g, '|'));
    assert.equal(anchor[1], anchor[2], `the anchor and the id of ${anchor[2]} differ`);
    rows.set(anchor[1]!, { meaning: cells[1]!, whatToDo: cells[2]! });
  }
  return rows;
}

describe('class docs', () => {
  it('has every failure class, each the same as its row of the README table', () => {
    const rows = readmeRows();
    assert.deepEqual([...rows.keys()].sort(), [...FAILURE_CLASSES].sort(), 'the README table has one row per class');
    for (const failureClass of FAILURE_CLASSES) assert.deepEqual(CLASS_DOCS[failureClass], rows.get(failureClass), failureClass);
  });

  it('links each class to its README anchor on the project page', () => {
    assert.equal(classHelpUri('proxy-auth'), `${TOOL.homepage}#class-proxy-auth`);
    assert.match(TOOL.homepage, /^https:\/\/\S+[^/#]$/);
    assert.match(TOOL.version, /^\d+\.\d+\.\d+/);
  });

  it('reads as plain text without Markdown', () => {
    assert.equal(plainText('Set `GOPRIVATE` (**not produced yet**)'), 'Set GOPRIVATE (not produced yet)');
  });
});
