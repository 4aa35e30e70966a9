import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statisticsCsv, statisticsJson } from '../../src/client/statistics-export';
import { parseTranscript } from '../../src/core/parse';
import { statistics } from '../../src/core/statistics';

const of = (text: string) => statistics(parseTranscript(text));

describe('statistics as CSV', () => {
  it('has a header row named like the JSON fields and one row per speaker, in order of first appearance', () => {
    const csv = statisticsCsv(of('[B]: one two\n[A]: 你好\n[B]: three'));
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    assert.deepEqual(header!.split(','), Object.keys(of('[A]: x').speakers[0]!));
    assert.deepEqual(
      rows.map((row) => row.split(',').slice(0, 3)),
      [
        ['B', '2', '3'],
        ['A', '1', '2'],
      ],
    );
  });

  it('quotes a name with a comma, a quote or a line break, and doubles its quotes', () => {
    const row = statisticsCsv(of('[Smith, "Jo"]: hi')).split('\r\n')[1]!;
    assert.ok(row.startsWith('"Smith, ""Jo""",1,1,'), row);
  });

  it('puts a quote before a name a spreadsheet would run as a formula, and leaves other names as written', () => {
    const rows = statisticsCsv(of('[=1+1]: a\n[@x]: b\n[-y]: c\n[Dr. Chen]: d')).trimEnd().split('\r\n').slice(1);
    assert.deepEqual(
      rows.map((row) => row.split(',')[0]),
      ["'=1+1", "'@x", "'-y", 'Dr. Chen'],
    );
  });
});

describe('statistics as JSON', () => {
  it('is the statistics themselves, read back equal', () => {
    const found = of('[A]: one\n[B]: 二三');
    assert.deepEqual(JSON.parse(statisticsJson(found)), found);
  });
});
