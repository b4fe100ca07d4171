// A road link's street name from the roads layer (through the link's source feature), or '' when it has
// none; and its label for lists and panels: the name (or "unnamed" and the road class), the class, the id.
import { ROAD_CLASSES, propertyText, roadClassOf, unpackProperties } from '../core/geo/index.ts';
import { ROAD_CLASS_DEFAULTS } from '../core/traffic/osm/index.ts';
import type { MessageKey, MessageParams } from '../core/language/index.ts';
import type { AppState } from '../store/index.ts';

/** What the names are read from: the network's view and the layers (the roads layer's properties). */
export type NameSource = Pick<AppState, 'layers'> & { readonly traffic: Pick<AppState['traffic'], 'view'> };

export function linkName(s: NameSource, link: number): string {
  const view = s.traffic.view;
  if (!view || link < 0 || link >= view.linkCount) return '';
  const roads = s.layers.find((l) => l.kind === 'roads');
  const source = view.sourceFeature[link]!;
  if (!roads?.data || source < 0 || source >= roads.data.data.features.count) return '';
  return propertyText(unpackProperties(roads.data.data.properties, source)['name']);
}

/** The base-map road class key of a link ('primary', 'residential', …), or null for a connector or no network. */
export function linkRoadClass(s: Pick<NameSource, 'traffic'>, link: number): string | null {
  const view = s.traffic.view;
  if (!view || link < 0 || link >= view.linkCount || view.isConnector[link] === 1) return null;
  const highway = ROAD_CLASS_DEFAULTS[view.roadClass[link]!]?.key;
  return highway ? (ROAD_CLASSES[roadClassOf(highway)]?.key ?? 'other') : null;
}

export interface LinkLabel {
  /** The street's name, or '' when the data has none. */
  readonly name: string;
  /** Road class text in the UI language ('' for a connector). */
  readonly roadClass: string;
  /** "link 1005" in the UI language. */
  readonly id: string;
  /** What to call the link: its name, else "Unnamed <class>", else the id. */
  readonly title: string;
}

/** Name, class and id of a link, in the language of `t`. */
export function linkLabel(s: NameSource, link: number, t: (key: MessageKey, params?: MessageParams) => string): LinkLabel {
  const name = linkName(s, link);
  const cls = linkRoadClass(s, link);
  const roadClass = cls ? t(`road.${cls}` as MessageKey) : '';
  const id = t('names.link', { id: link });
  const title = name || (roadClass ? t('names.unnamedRoad', { cls: roadClass }) : t(s.traffic.view?.isConnector[link] === 1 ? 'link.connector' : 'link.title', { id: link }));
  return { name, roadClass, id, title };
}
