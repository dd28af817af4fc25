import { strict as assert } from 'node:assert';
import { formatBytes, formatRate } from '../../src/core/units';

describe('sizes and rates', () => {
  it('reads as SI units, one decimal below ten', () => {
    const cases: [number, string][] = [
      [0, '0 B'],
      [999, '999 B'],
      [1_000, '1.0 kB'],
      [18_000, '18 kB'],
      [999_960, '1.0 MB'],
      [1_500_000, '1.5 MB'],
      [69_000_000, '69 MB'],
      [2_400_000_000, '2.4 GB'],
    ];
    for (const [bytes, text] of cases) assert.equal(formatBytes(bytes), text, String(bytes));
    assert.equal(formatRate(12_000), '12 kB/s');
  });
});
