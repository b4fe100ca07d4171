// Whether a city's traffic network holds together: read from the statistics buildCityTraffic keeps with
// the network view, so the viewer and the command line flag the same networks.

/**
 * Share of a network's candidate road links that may be dropped as not strongly connected before the
 * traffic figures are flagged as unreliable. Monaco drops 6 % (dead-end driveways, one-way stubs at the
 * border); Yeouido's extract, cut at the dong boundary, drops 82 %, leaving 2 gates and a gridlock.
 */
export const FRAGMENTED_SHARE = 0.25;

/**
 * The road links kept, of all candidate links, when more than FRAGMENTED_SHARE of them fall outside
 * the network's largest strongly connected part, as in an extract cut at a boundary: its trips then
 * squeeze through a few links and gates, and its speeds and transport emissions mean little. Null for
 * a network that holds together.
 */
export function fragmentation(stats: Readonly<Record<string, number>>): { readonly kept: number; readonly total: number } | null {
  const kept = stats['roadLinks'] ?? 0;
  const dropped = stats['linksDroppedDisconnected'] ?? 0;
  const total = kept + dropped;
  return total > 0 && dropped > FRAGMENTED_SHARE * total ? { kept, total } : null;
}
