import { describe, it, expect } from 'vitest';
import { GlbError, GlbWriter, NUMBER_NO_DATA, SchemaBuilder, encodeRows, readGlb, valueText } from '../../../src/core/tiles/index.ts';
import type { FeatureRow } from '../../../src/core/tiles/index.ts';

const props = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('schema from GeoJSON properties', () => {
  it('makes numbers FLOAT64, everything else STRING, and ids safe and unique', () => {
    const b = new SchemaBuilder();
    b.observe(props('{"height": 12, "name": "a", "mixed": 1, "__proto__": "p", "a-b": "x", "a_b": "y", "1st": 2, "height_m": "clash", "toString": "t", "flag": true}'));
    b.observe(props('{"height": 14.5, "mixed": "one", "nothing": null}'));
    const schema = b.finish();
    // Entries, not object literals: `{ __proto__: … }` in a literal would set the prototype.
    expect(schema.columns.map((c) => [c.key, c.id, c.kind])).toEqual([
      ['height', 'height', 'number'],
      ['name', 'name', 'string'],
      ['mixed', 'mixed', 'string'],
      ['__proto__', '__proto___2', 'string'],
      ['a-b', 'a_b', 'string'],
      ['a_b', 'a_b_2', 'string'],
      ['1st', '_1st', 'number'],
      ['height_m', 'height_m_2', 'string'],
      ['toString', 'toString_2', 'string'],
      ['flag', 'flag', 'string'],
    ]);
    const json = schema.json() as { classes: { building: { properties: Record<string, { type: string; name?: string; noData?: unknown }> } } };
    const p = json.classes.building.properties;
    expect(Object.keys(p).slice(0, 5)).toEqual(['feature_index', 'feature_id', 'height_m', 'min_height_m', 'height_source']);
    expect(p['__proto___2']).toEqual({ type: 'STRING', name: '__proto__', noData: '' });
    expect(p['height']).toEqual({ type: 'SCALAR', componentType: 'FLOAT64', name: 'height', noData: NUMBER_NO_DATA });
    // noData survives JSON.
    expect(JSON.parse(JSON.stringify(NUMBER_NO_DATA))).toBe(NUMBER_NO_DATA);
  });

  it('writes values as text without interpretation', () => {
    expect(valueText('<b>x</b>')).toBe('<b>x</b>');
    expect(valueText(2.5)).toBe('2.5');
    expect(valueText(false)).toBe('false');
    expect(valueText({ a: [1, '<i>'] })).toBe('{"a":[1,"<i>"]}');
    expect(valueText(null)).toBe('');
  });

  it('encodes UTF-8 strings with offsets and leaves out columns no row has', () => {
    const b = new SchemaBuilder();
    const a = props('{"name": "서울 <script>", "n": 3}');
    const c = props('{"other": "x"}');
    b.observe(a);
    b.observe(c);
    const rows: FeatureRow[] = [
      { index: 4, id: '', height: 9, minHeight: 0, heightSource: 'height', properties: a },
      { index: 9, id: '', height: 6, minHeight: 1, heightSource: 'levels', properties: {} },
    ];
    const { columns, present } = encodeRows(b.finish(), rows);
    expect(present.map((p) => p.key)).toEqual(['name', 'n']);
    // feature_id is empty in every row: left out (glTF forbids empty buffer views).
    expect(columns.map((c) => c.id)).toEqual(['feature_index', 'height_m', 'min_height_m', 'height_source', 'name', 'n']);
    const name = columns.find((c) => c.id === 'name')!;
    const offsets = new Uint32Array(name.stringOffsets!.slice().buffer);
    expect([...offsets]).toEqual([0, name.values.length, name.values.length]);
    expect(new TextDecoder().decode(name.values)).toBe('서울 <script>');
    const n = columns.find((c) => c.id === 'n')!;
    expect([...new Float64Array(n.values.slice().buffer)]).toEqual([3, NUMBER_NO_DATA]);
  });
});

describe('GLB container', () => {
  it('round-trips JSON and binary with 8-byte aligned views and a 4-byte aligned file', () => {
    const w = new GlbWriter();
    w.view(new Uint8Array([1, 2, 3]));
    const v = w.view(new Uint8Array([4, 5]));
    const glb = w.finish({ asset: { version: '2.0' }, extras: { text: 'é' } });
    expect(glb.length % 4).toBe(0);
    const jsonLength = new DataView(glb.buffer).getUint32(12, true);
    expect(jsonLength % 4).toBe(0);
    expect((20 + jsonLength + 8) % 8).toBe(0);
    const { json, bin } = readGlb(glb);
    expect(json['extras']).toEqual({ text: 'é' });
    expect(w.bufferViews[v]!.byteOffset).toBe(8);
    expect([...bin.subarray(8, 10)]).toEqual([4, 5]);
    expect(json['buffers']).toEqual([{ byteLength: 12 }]);
  });

  it('refuses what is not a GLB', () => {
    expect(() => readGlb(new TextEncoder().encode('{"asset":{"version":"2.0"}}'))).toThrow(GlbError);
    expect(() => readGlb(new Uint8Array(4))).toThrow(/too short/);
  });
});
