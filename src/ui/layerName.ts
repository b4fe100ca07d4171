import type { LayerState } from '../store/index.ts';
import type { MessageKey, MessageParams } from './i18n/index.ts';

type T = (key: MessageKey, params?: MessageParams) => string;

/** A layer's display name: a catalog entry for built-in layers, the file's name otherwise (as text). */
export function layerName(t: T, layer: Pick<LayerState, 'name'>): string {
  return 'key' in layer.name ? t(layer.name.key) : layer.name.text;
}
