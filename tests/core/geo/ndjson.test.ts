// Newline-delimited JSON (NDJSON, GeoJSONSeq) split into values with bad lines located by line and column.
import { describe, expect, it } from 'vitest';
import { firstLineObject, jsonErrorLocation, parseJsonLines } from '../../../src/core/geo/index.ts';

describe('parseJsonLines', () => {
  it('parses one value per non-blank line and remembers each line number', () => {
    const p = parseJsonLines('{"a":1}\n\n  \n{"a":2}\r\n{"a":3}');
    expect(p.values).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(Array.from(p.lines)).toEqual([1, 4, 5]);
    expect(p.badLines).toEqual([]);
  });

  it('reports a bad line with its file line and column, keeps a null in its place, and reads on', () => {
    const p = parseJsonLines('{"a":1}\n\n{"a":,}\n{"a":4}\n');
    expect(p.values).toEqual([{ a: 1 }, null, { a: 4 }]);
    expect(p.badLines).toHaveLength(1);
    expect(p.badLines[0]).toMatchObject({ index: 1, line: 3, column: 6 });
    expect(p.badLines[0]!.message).toMatch(/^line 3, column 6: /);
    expect(p.badLines[0]!.message).not.toMatch(/position/);
  });

  it('accepts RFC 8142 record separators and counts columns from the start of the line', () => {
    const p = parseJsonLines('\u001e{"a":1}\n\u001e{"a":]\n');
    expect(p.values).toEqual([{ a: 1 }, null]);
    expect(p.badLines[0]).toMatchObject({ line: 2, column: 7 });
  });

  it('says where a truncated line ends', () => {
    const p = parseJsonLines('{"type": "Feature", "geometry": {"type": "Po');
    expect(p.badLines[0]).toMatchObject({ line: 1, index: 0 });
    expect(p.badLines[0]!.column).toBeGreaterThanOrEqual(44);
  });
});

describe('firstLineObject and jsonErrorLocation', () => {
  it('reads the first non-blank line only when it is a whole JSON object', () => {
    expect(firstLineObject('\n\n{"type":"Feature"}\n{"type":')).toEqual({ type: 'Feature' });
    expect(firstLineObject('{\n  "type": "FeatureCollection"\n}')).toBeUndefined();
    expect(firstLineObject('[1, 2]\n')).toBeUndefined();
    expect(firstLineObject('')).toBeUndefined();
  });

  it('locates a JSON.parse error by line and column', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    expect(jsonErrorLocation(text, err)).toMatchObject({ line: 3, column: 3 });
  });
});
