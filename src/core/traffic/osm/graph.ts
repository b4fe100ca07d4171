// Graph helpers of the road network on CSR arrays: grouping links by node, strongly connected
// components (Tarjan, iterative) and phase 4, keeping the largest component.

/** Stable counting sort of link indices by a node key: [start (numNodes+1), items]. */
export function groupLinksByNode(key: Int32Array, numNodes: number): [Int32Array, Int32Array] {
  const start = new Int32Array(numNodes + 1);
  for (let a = 0; a < key.length; a++) start[key[a]! + 1]! += 1;
  for (let i = 0; i < numNodes; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, numNodes);
  const items = new Int32Array(key.length);
  for (let a = 0; a < key.length; a++) {
    const k = key[a]!;
    items[cursor[k]!] = a;
    cursor[k]! += 1;
  }
  return [start, items];
}

/**
 * Strongly connected components (Tarjan, iterative) of a graph given as links from/to over nodes
 * 0..n-1. Returns the component id of every node, numbered in the order components complete.
 */
export function stronglyConnectedComponents(numNodes: number, from: Int32Array, to: Int32Array): { comp: Int32Array; count: number } {
  const [outStart, outLinks] = groupLinksByNode(from, numNodes);
  const index = new Int32Array(numNodes).fill(-1);
  const low = new Int32Array(numNodes);
  const comp = new Int32Array(numNodes).fill(-1);
  const onStack = new Uint8Array(numNodes);
  const stack = new Int32Array(numNodes);
  const callNode = new Int32Array(numNodes);
  const callEdge = new Int32Array(numNodes);
  let sp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < numNodes; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = outStart[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < outStart[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = to[outLinks[e]!]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = outStart[w]!;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { comp, count };
}

/** Road nodes and links left after keeping the largest strongly connected component. */
export interface LargestComponent {
  /** Road node index (0..numRoadNodes-1) of each candidate node, -1 when dropped. */
  readonly roadIndex: Int32Array;
  readonly numRoadNodes: number;
  /** Indices of the links kept (both ends kept), in order. */
  readonly keptLinks: number[];
}

/** Keeps the largest strongly connected component (ties: the one holding the lowest node index). */
export function largestComponent(numNodes: number, from: Int32Array, to: Int32Array): LargestComponent {
  const { comp, count } = stronglyConnectedComponents(numNodes, from, to);
  const size = new Int32Array(count);
  for (let n = 0; n < numNodes; n++) size[comp[n]!]! += 1;
  let best = -1;
  for (let n = 0; n < numNodes; n++) {
    const c = comp[n]!;
    if (best === -1 || size[c]! > size[best]!) best = c;
  }
  const roadIndex = new Int32Array(numNodes).fill(-1);
  let numRoadNodes = 0;
  for (let n = 0; n < numNodes; n++) if (comp[n] === best) roadIndex[n] = numRoadNodes++;
  const keptLinks: number[] = [];
  for (let a = 0; a < from.length; a++) {
    if (roadIndex[from[a]!] !== -1 && roadIndex[to[a]!] !== -1) keptLinks.push(a);
  }
  return { roadIndex, numRoadNodes, keptLinks };
}
