import { describe, it, expect } from 'vitest';
import {
  TntpParseError,
  buildNetwork,
  findLink,
  formatTntpFlow,
  parseTntpFlow,
  parseTntpNet,
  parseTntpNodes,
  parseTntpTrips,
  buildDemand,
} from '../../../../src/core/traffic/assign/index.ts';
import { fixtureText, problem } from './fixtures.ts';
import { seededRandom } from '../../../../src/core/random/index.ts';

/** A small `_net` text: metadata on lines 1-5, blank line 6, header comment line 7, links from line 8. */
function netText(rows: readonly string[], meta: Partial<Record<string, string | null>> = {}): string {
  const tags: Record<string, string | null> = {
    'NUMBER OF ZONES': '2',
    'NUMBER OF NODES': '4',
    'FIRST THRU NODE': '1',
    'NUMBER OF LINKS': String(rows.length),
    ...meta,
  };
  const head = Object.entries(tags)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([tag, value]) => `<${tag}> ${value}`);
  return [...head, '<END OF METADATA>', '', '~\tinit_node\tterm_node\tcapacity\tlength\tfft\tb\tpower\tspeed\ttoll\ttype\t;', ...rows].join('\n');
}

const GOOD_ROWS = ['\t1\t3\t100\t1\t1\t0.15\t4\t0\t0\t1\t;', '\t3\t2\t100\t1\t1\t0.15\t4\t0\t0\t1\t;'];

function parseError(run: () => unknown): TntpParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof TntpParseError) return error;
    throw error;
  }
  throw new Error('expected a TntpParseError');
}

describe('parseTntpNet', () => {
  it('reads the Sioux Falls network', () => {
    const net = parseTntpNet(fixtureText('SiouxFalls_net.tntp'), 'SiouxFalls_net.tntp');
    expect(net.numZones).toBe(24);
    expect(net.numNodes).toBe(24);
    expect(net.numLinks).toBe(76);
    expect(net.firstThruNode).toBe(1);
    expect([net.from[0], net.to[0], net.capacity[0], net.length[0], net.fft[0]]).toEqual([1, 2, 25900.20064, 6, 6]);
    expect([net.b[0], net.power[0], net.speed[0], net.toll[0], net.linkType[0]]).toEqual([0.15, 4, 0, 0, 1]);
    expect(net.sourceLine[0]).toBe(10);
  });

  it('reads Anaheim with its FIRST THRU NODE and Braess with a final row without a tab before ;', () => {
    const anaheim = parseTntpNet(fixtureText('Anaheim_net.tntp'), 'Anaheim_net.tntp');
    expect([anaheim.numZones, anaheim.numNodes, anaheim.numLinks, anaheim.firstThruNode]).toEqual([38, 416, 914, 39]);
    const braess = parseTntpNet(fixtureText('Braess_net.tntp'), 'Braess_net.tntp');
    expect(braess.numLinks).toBe(5);
    expect(braess.fft[4]).toBe(1e-8);
    expect(braess.b[4]).toBe(1e9);
  });

  it('accepts CRLF line ends, comments, spaces and a missing final ;', () => {
    const text = netText(['1 3 100 1 1 0.15 4 0 0 1 ~ a comment', '  3  2  100  1  1  0.15  4  0  0  1 ;  ~ end']).replace(/\n/g, '\r\n');
    const net = parseTntpNet(text, 'crlf_net.tntp');
    expect(Array.from(net.to)).toEqual([3, 2]);
  });

  it('defaults FIRST THRU NODE to 1 when the tag is absent', () => {
    expect(parseTntpNet(netText(GOOD_ROWS, { 'FIRST THRU NODE': null }), 'x').firstThruNode).toBe(1);
  });

  const cases: readonly [string, string, number, string][] = [
    ['too few columns', netText(['\t1\t3\t100\t1\t1\t0.15\t4\t;', GOOD_ROWS[1]!]), 8, 'expected 10 columns, got 7'],
    ['zero capacity', netText([GOOD_ROWS[0]!, '\t3\t2\t0\t1\t1\t0.15\t4\t0\t0\t1\t;']), 9, 'capacity must be > 0, got 0'],
    ['negative capacity', netText(['\t1\t3\t-5\t1\t1\t0.15\t4\t0\t0\t1\t;', GOOD_ROWS[1]!]), 8, 'capacity must be > 0, got -5'],
    ['head out of range', netText([GOOD_ROWS[0]!, '\t3\t7\t100\t1\t1\t0.15\t4\t0\t0\t1\t;']), 9, 'term_node 7 out of range 1..4'],
    ['tail out of range', netText(['\t0\t3\t100\t1\t1\t0.15\t4\t0\t0\t1\t;', GOOD_ROWS[1]!]), 8, 'init_node 0 out of range 1..4'],
    ['a word for a number', netText([GOOD_ROWS[0]!, '\t3\t2\tbig\t1\t1\t0.15\t4\t0\t0\t1\t;']), 9, "capacity must be a number, got 'big'"],
    ['a fractional node id', netText(['\t1.5\t3\t100\t1\t1\t0.15\t4\t0\t0\t1\t;', GOOD_ROWS[1]!]), 8, "init_node must be an integer, got '1.5'"],
    ['a negative free-flow time', netText([GOOD_ROWS[0]!, '\t3\t2\t100\t1\t-1\t0.15\t4\t0\t0\t1\t;']), 9, 'free_flow_time must be >= 0, got -1'],
    ['a self loop', netText([GOOD_ROWS[0]!, '\t3\t3\t100\t1\t1\t0.15\t4\t0\t0\t1\t;']), 9, 'link 3->3 starts and ends at the same node'],
    ['text after ;', netText([GOOD_ROWS[0]!, '\t3\t2\t100\t1\t1\t0.15\t4\t0\t0\t1\t; 9']), 9, "unexpected text after ';': '9'"],
    ['missing <NUMBER OF LINKS>', netText(GOOD_ROWS, { 'NUMBER OF LINKS': null }), 4, 'missing metadata <NUMBER OF LINKS>'],
    ['missing <NUMBER OF NODES>', netText(GOOD_ROWS, { 'NUMBER OF NODES': null }), 4, 'missing metadata <NUMBER OF NODES>'],
    ['link count above the rows', netText(GOOD_ROWS, { 'NUMBER OF LINKS': '3' }), 4, '<NUMBER OF LINKS> is 3 but the file has 2 link rows'],
    ['more rows than links', netText(GOOD_ROWS, { 'NUMBER OF LINKS': '1' }), 9, 'more link rows than <NUMBER OF LINKS> 1'],
    ['a non-integer count', netText(GOOD_ROWS, { 'NUMBER OF NODES': 'four' }), 2, "<NUMBER OF NODES> must be an integer, got 'four'"],
    ['more zones than nodes', netText(GOOD_ROWS, { 'NUMBER OF ZONES': '9' }), 1, '<NUMBER OF ZONES> 9 exceeds <NUMBER OF NODES> 4'],
    ['a duplicated tag', netText(GOOD_ROWS).replace('<NUMBER OF NODES> 4', '<NUMBER OF NODES> 4\n<NUMBER OF NODES> 4'), 3, 'duplicate metadata <NUMBER OF NODES>'],
  ];
  for (const [what, text, line, detail] of cases) {
    it(`rejects ${what} with its line`, () => {
      const error = parseError(() => parseTntpNet(text, 'bad_net.tntp'));
      expect(error.file).toBe('bad_net.tntp');
      expect(error.line).toBe(line);
      expect(error.detail).toBe(detail);
      expect(error.message).toBe(`bad_net.tntp: line ${line}: ${detail}`);
    });
  }

  it('rejects a file without <END OF METADATA> at its last line', () => {
    const text = '<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 4\n<NUMBER OF LINKS> 1';
    const error = parseError(() => parseTntpNet(text, 'n.tntp'));
    expect([error.line, error.detail]).toEqual([3, 'missing <END OF METADATA>']);
  });

  it('rejects a file that starts with link rows', () => {
    const error = parseError(() => parseTntpNet(GOOD_ROWS.join('\n'), 'n.tntp'));
    expect(error.line).toBe(1);
    expect(error.detail).toContain('expected a metadata line');
  });
});

describe('buildNetwork', () => {
  it('builds CSR arrays grouped by tail and by head, each in file order', () => {
    const { net } = problem('SiouxFalls');
    for (let i = 0; i < net.numNodes; i++) {
      let last = -1;
      for (let k = net.outStart[i]!; k < net.outStart[i + 1]!; k++) {
        const a = net.outLinks[k]!;
        expect(net.from[a]).toBe(i);
        expect(a).toBeGreaterThan(last);
        last = a;
      }
      for (let k = net.inStart[i]!; k < net.inStart[i + 1]!; k++) expect(net.to[net.inLinks[k]!]).toBe(i);
    }
    expect(net.outStart[net.numNodes]).toBe(76);
    expect(net.inStart[net.numNodes]).toBe(76);
    expect(findLink(net, 1, 2)).toBe(0);
    expect(findLink(net, 24, 23)).toBe(75);
    expect(findLink(net, 1, 24)).toBe(-1);
  });

  it('turns 1-based ids into 0-based indices and keeps FIRST THRU NODE', () => {
    const net = buildNetwork(parseTntpNet(fixtureText('Anaheim_net.tntp'), 'Anaheim_net.tntp'));
    expect(net.firstThruNode).toBe(39);
    expect(net.firstThruIndex).toBe(38);
    expect([net.from[0], net.to[0]]).toEqual([0, 116]);
  });

  it('keeps the file\'s own per-link arrays, unwritten, and numbers nodes in arrays of its own', () => {
    const parsed = parseTntpNet(fixtureText('SiouxFalls_net.tntp'), 'SiouxFalls_net.tntp');
    const before = JSON.stringify(parsed, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value));
    const net = buildNetwork(parsed);
    for (const key of ['capacity', 'length', 'fft', 'b', 'power', 'toll', 'speed', 'linkType'] as const) expect(net[key]).toBe(parsed[key]);
    expect(net.from).not.toBe(parsed.from);
    expect(JSON.stringify(parsed, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value))).toBe(before);
  });
});

describe('buildDemand', () => {
  const net = buildNetwork(parseTntpNet(netText(GOOD_ROWS, { 'NUMBER OF ZONES': '3' }), 'z_net.tntp'));
  const head = '<NUMBER OF ZONES> 3\n<END OF METADATA>\n';

  it('without intrazonal entries, takes the trip table\'s rows as they are, without copying them', () => {
    const trips = parseTntpTrips(`${head}Origin 1\n 2 : 5; 3 : 6;\nOrigin 3\n 1 : 7.5;\n`, 'z_trips.tntp');
    const demand = buildDemand(trips, net);
    expect(Array.from(demand.origins)).toEqual([0, 2]);
    expect(Array.from(demand.start)).toEqual([0, 2, 3]);
    expect(Array.from(demand.destination)).toEqual([1, 2, 0]);
    expect(Array.from(demand.flow)).toEqual([5, 6, 7.5]);
    expect([demand.total, demand.intrazonal]).toEqual([18.5, 0]);
    expect(demand.destination).toBe(trips.destination);
    expect(demand.flow).toBe(trips.demand);
  });

  it('leaves intrazonal entries out, in copies, and counts them apart', () => {
    const trips = parseTntpTrips(`${head}Origin 1\n 1 : 4; 2 : 5;\nOrigin 2\n 2 : 1;\nOrigin 3\n 1 : 7;\n`, 'z_trips.tntp');
    const demand = buildDemand(trips, net);
    // Origin 2 has nothing but its intrazonal entry, so it is no origin group at all.
    expect(Array.from(demand.origins)).toEqual([0, 2]);
    expect(Array.from(demand.start)).toEqual([0, 1, 2]);
    expect(Array.from(demand.destination)).toEqual([1, 0]);
    expect(Array.from(demand.flow)).toEqual([5, 7]);
    expect([demand.total, demand.intrazonal]).toEqual([12, 5]);
    expect(demand.destination).not.toBe(trips.destination);
    expect(Array.from(trips.destination)).toEqual([0, 1, 1, 0]);
  });

  it('names both zone counts when they differ', () => {
    const trips = parseTntpTrips('<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : 5;\n', 'two_trips.tntp');
    expect(() => buildDemand(trips, net)).toThrow("two_trips.tntp: <NUMBER OF ZONES> 2 differs from the network's 3");
  });
});

describe('parseTntpTrips', () => {
  it('reads Sioux Falls demand grouped by origin and checks the total', () => {
    const trips = parseTntpTrips(fixtureText('SiouxFalls_trips.tntp'), 'SiouxFalls_trips.tntp');
    expect(trips.numZones).toBe(24);
    expect(trips.totalOdFlow).toBe(360600);
    let sum = 0;
    for (const value of trips.demand) sum += value;
    expect(sum).toBe(360600);
    // Origin 1: first nonzero entry is destination 2 (row 1, 0-based) with 100.
    expect([trips.destination[0], trips.demand[0]]).toEqual([1, 100]);
    expect(trips.originStart.length).toBe(25);
  });

  it('reads Anaheim and Braess', () => {
    const anaheim = parseTntpTrips(fixtureText('Anaheim_trips.tntp'), 'Anaheim_trips.tntp');
    expect(anaheim.totalOdFlow).toBeCloseTo(104694.4, 6);
    const braess = parseTntpTrips(fixtureText('Braess_trips.tntp'), 'Braess_trips.tntp');
    expect(Array.from(braess.destination)).toEqual([1]);
    expect(Array.from(braess.demand)).toEqual([6]);
  });

  it('reads every written form of a flow to the same double as Number() does', () => {
    // Plain decimals take the in-place reading (digits over a power of ten); the rest go through Number().
    const random = seededRandom(7);
    const forms: string[] = ['0', '0.0', '.5', '5.', '007.250', '1e3', '2.5E-1', '+3', '123456789012345', '1234567890.123456', '0.1', '0.3'];
    for (let k = 0; k < 2000; k++) {
      const digits = 1 + Math.floor(random() * 17);
      let text = String(Math.floor(random() * 10 ** Math.min(digits, 15)));
      if (random() < 0.7) text = `${text.slice(0, Math.max(1, text.length - 4))}.${text.slice(Math.max(1, text.length - 4))}`;
      forms.push(text);
    }
    const zones = forms.length + 1;
    const body = forms.map((f, k) => `${k + 2} :${k % 3 === 0 ? '\t' : ' '}${f}${k % 5 === 0 ? ' ' : ''};`).join(' ');
    const trips = parseTntpTrips(`<NUMBER OF ZONES> ${zones}\n<END OF METADATA>\nOrigin 1\n${body}\n`, 'forms_trips.tntp');
    const read = new Map<number, number>();
    for (let k = 0; k < trips.destination.length; k++) read.set(trips.destination[k]! + 1, trips.demand[k]!);
    forms.forEach((f, k) => {
      if (Number(f) === 0) expect(read.has(k + 2), f).toBe(false);
      else expect(Object.is(read.get(k + 2), Number(f)), f).toBe(true);
    });
  });

  it('groups the entries by origin when the file writes the origins out of order', () => {
    const text = '<NUMBER OF ZONES> 3\n<END OF METADATA>\nOrigin 2\n 1 : 5; 3 : 6;\nOrigin 1\n 3 : 7; 2 : 8;\nOrigin 3\n 1 : 9;\n';
    const trips = parseTntpTrips(text, 'order_trips.tntp');
    expect(Array.from(trips.originStart)).toEqual([0, 2, 4, 5]);
    expect(Array.from(trips.destination)).toEqual([2, 1, 0, 2, 0]);
    expect(Array.from(trips.demand)).toEqual([7, 8, 5, 6, 9]);
    // A pair repeated in a later block of the same origin is found there too (line 10).
    const again = `${text}Origin 2\n 3 : 1;\n`;
    const error = parseError(() => parseTntpTrips(again, 'order_trips.tntp'));
    expect([error.line, error.detail]).toEqual([10, 'duplicate demand for origin 2 destination 3']);
  });

  const head = '<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 30\n<END OF METADATA>\n\n'; // body starts at line 5
  const cases: readonly [string, string, number, string][] = [
    ['a destination out of range', `${head}Origin 1\n  2 : 10;  4 : 20;\n`, 6, 'destination 4 out of range 1..3'],
    ['an origin out of range', `${head}Origin 5\n  2 : 30;\n`, 5, 'origin 5 out of range 1..3'],
    ['an entry before any origin', `${head}  2 : 30;\n`, 5, "demand entry before any 'Origin' line"],
    ['a malformed entry', `${head}Origin 1\n  2 : 10;  3 20;\n`, 6, "expected 'destination : flow;', got '3 20'"],
    ['a negative flow', `${head}Origin 1\n  2 : 40;  3 : -10;\n`, 6, 'demand must be >= 0, got -10'],
    ['a duplicated pair', `${head}Origin 1\n  2 : 10;\nOrigin 1\n  2 : 20;\n`, 8, 'duplicate demand for origin 1 destination 2'],
    ['a total that disagrees', `${head}Origin 1\n  2 : 10;  3 : 10;\n`, 2, '<TOTAL OD FLOW> is 30 but the entries sum to 20'],
    ['a missing zone count', '<TOTAL OD FLOW> 1\n<END OF METADATA>\nOrigin 1\n 1 : 1;\n', 2, 'missing metadata <NUMBER OF ZONES>'],
  ];
  for (const [what, text, line, detail] of cases) {
    it(`rejects ${what} with its line`, () => {
      const error = parseError(() => parseTntpTrips(text, 'bad_trips.tntp'));
      expect([error.file, error.line, error.detail]).toEqual(['bad_trips.tntp', line, detail]);
    });
  }
});

describe('parseTntpNodes', () => {
  it('reads the Sioux Falls coordinates with their header row', () => {
    const nodes = parseTntpNodes(fixtureText('SiouxFalls_node.tntp'), 'SiouxFalls_node.tntp', 24);
    expect(nodes.id.length).toBe(24);
    expect([nodes.id[0], nodes.x[0], nodes.y[0]]).toEqual([1, -96.77041974, 43.61282792]);
  });

  it('rejects bad rows with their line', () => {
    const text = 'Node\tX\tY\t;\n1\t0\t0\t;\n2\t1\t;\n';
    expect(parseError(() => parseTntpNodes(text, 'n.tntp')).message).toBe('n.tntp: line 3: expected 3 columns, got 2');
    const dup = 'Node X Y ;\n1 0 0 ;\n1 1 1 ;\n';
    expect(parseError(() => parseTntpNodes(dup, 'n.tntp', 2)).message).toBe('n.tntp: line 3: duplicate node id 1');
    const range = '1 0 0 ;\n3 1 1 ;\n';
    expect(parseError(() => parseTntpNodes(range, 'n.tntp', 2)).message).toBe('n.tntp: line 2: node id 3 out of range 1..2');
  });
});

describe('parseTntpFlow and formatTntpFlow', () => {
  it('reads the best-known Sioux Falls flows', () => {
    const flow = parseTntpFlow(fixtureText('SiouxFalls_flow.tntp'), 'SiouxFalls_flow.tntp');
    expect(flow.from.length).toBe(76);
    expect([flow.from[0], flow.to[0], flow.volume[0], flow.cost[0]]).toEqual([1, 2, 4494.6576464564205, 6.0008162373543197]);
  });

  it('writes a flow file that reads back exactly', () => {
    const text = formatTntpFlow([1, 2], [2, 1], [0.1 + 0.2, 1e21], [6.000816237354319, 0]);
    expect(text.split('\n')[0]).toBe('From \tTo \tVolume \tCost ');
    const back = parseTntpFlow(text, 'out_flow.tntp');
    expect(Array.from(back.volume)).toEqual([0.1 + 0.2, 1e21]);
    expect(Array.from(back.cost)).toEqual([6.000816237354319, 0]);
    expect(() => formatTntpFlow([1], [2], [Number.NaN], [0])).toThrow(RangeError);
  });

  it('rejects bad rows with their line', () => {
    const short = 'From To Volume Cost\n1 2 3 4\n2 1 3\n';
    expect(parseError(() => parseTntpFlow(short, 'f.tntp')).message).toBe('f.tntp: line 3: expected 4 columns, got 3');
    const negative = 'From To Volume Cost\n1 2 -3 4\n';
    expect(parseError(() => parseTntpFlow(negative, 'f.tntp')).message).toBe('f.tntp: line 2: volume must be >= 0, got -3');
  });
});
