/**
 * Materials for batched layers: each vertex's `featureId` looks up its feature's colour in a
 * texture (one RGBA8 texel per feature), so recolouring a layer rewrites that texture — never the
 * geometry — and hover/selection are two uniforms. Alpha 0 in the texture hides a feature.
 */
import * as THREE from 'three';
import { HOVER_COLOR, SELECT_COLOR } from './palette.ts';

export const COLOR_TEXTURE_WIDTH = 4096;

export class FeatureColors {
  readonly data: Uint8Array;
  readonly texture: THREE.DataTexture;
  constructor(readonly count: number) {
    const height = Math.max(1, Math.ceil(count / COLOR_TEXTURE_WIDTH));
    this.data = new Uint8Array(COLOR_TEXTURE_WIDTH * height * 4).fill(255);
    this.texture = new THREE.DataTexture(this.data, COLOR_TEXTURE_WIDTH, height, THREE.RGBAFormat, THREE.UnsignedByteType);
    this.texture.colorSpace = THREE.SRGBColorSpace;
    this.texture.needsUpdate = true;
  }
  /** Sets feature i to an sRGB colour (0–255 channels). Call `commit()` after a batch of changes. */
  set(i: number, r: number, g: number, b: number, a = 255): void {
    const o = i * 4;
    this.data[o] = r;
    this.data[o + 1] = g;
    this.data[o + 2] = b;
    this.data[o + 3] = a;
  }
  commit(): void {
    this.texture.needsUpdate = true;
  }
  dispose(): void {
    this.texture.dispose();
  }
}

/** '#rrggbb' -> [r, g, b] bytes. */
export function hexBytes(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A width in metres per feature (link ribbons widen by flow without new geometry). */
export class FeatureWidths {
  readonly data: Float32Array;
  readonly texture: THREE.DataTexture;
  constructor(readonly count: number) {
    const height = Math.max(1, Math.ceil(count / COLOR_TEXTURE_WIDTH));
    this.data = new Float32Array(COLOR_TEXTURE_WIDTH * height);
    this.texture = new THREE.DataTexture(this.data, COLOR_TEXTURE_WIDTH, height, THREE.RedFormat, THREE.FloatType);
    this.texture.needsUpdate = true;
  }
  commit(): void {
    this.texture.needsUpdate = true;
  }
  dispose(): void {
    this.texture.dispose();
  }
}

export interface FeatureMaterial {
  readonly material: THREE.MeshLambertMaterial | THREE.MeshBasicMaterial;
  readonly colors: FeatureColors;
  /** Present when the material was made with `{ widths: true }`. */
  readonly widths?: FeatureWidths;
  setHovered(id: number): void;
  setSelected(id: number): void;
  setOpacity(opacity: number): void;
  dispose(): void;
}

const VERTEX_HEAD = /* glsl */ `
in float featureId;
uniform highp sampler2D uFeatureColors;
uniform float uHovered;
uniform float uSelected;
out vec4 vFeatureColor;
out float vHighlight;
`;
const VERTEX_BODY = /* glsl */ `
{
  int fid = int(featureId + 0.5);
  vFeatureColor = texelFetch(uFeatureColors, ivec2(fid % ${COLOR_TEXTURE_WIDTH}, fid / ${COLOR_TEXTURE_WIDTH}), 0);
  vHighlight = abs(featureId - uSelected) < 0.5 ? 2.0 : (abs(featureId - uHovered) < 0.5 ? 1.0 : 0.0);
}
`;
const FRAGMENT_HEAD = /* glsl */ `
uniform vec3 uHoverColor;
uniform vec3 uSelectColor;
in vec4 vFeatureColor;
in float vHighlight;
`;
const FRAGMENT_BODY = /* glsl */ `
if (vFeatureColor.a < 0.5) discard;
diffuseColor.rgb *= vFeatureColor.rgb;
if (vHighlight > 1.5) diffuseColor.rgb = mix(diffuseColor.rgb, uSelectColor, 0.8);
else if (vHighlight > 0.5) diffuseColor.rgb = mix(diffuseColor.rgb, uHoverColor, 0.5);
`;

const WIDTH_HEAD = /* glsl */ `
in vec2 side;
uniform highp sampler2D uWidths;
`;
const WIDTH_BODY = /* glsl */ `
{
  int wid = int(featureId + 0.5);
  transformed.xy += side * texelFetch(uWidths, ivec2(wid % ${COLOR_TEXTURE_WIDTH}, wid / ${COLOR_TEXTURE_WIDTH}), 0).r;
}
`;

export function createFeatureMaterial(kind: 'lambert' | 'basic', featureCount: number, options: { widths?: boolean } = {}): FeatureMaterial {
  const colors = new FeatureColors(featureCount);
  const widths = options.widths ? new FeatureWidths(featureCount) : undefined;
  const uniforms = {
    uWidths: { value: widths?.texture ?? null },
    uFeatureColors: { value: colors.texture },
    uHovered: { value: -1 },
    uSelected: { value: -1 },
    uHoverColor: { value: new THREE.Color(HOVER_COLOR) },
    uSelectColor: { value: new THREE.Color(SELECT_COLOR) },
  };
  const params = { color: 0xffffff, side: THREE.FrontSide } as const;
  const material = kind === 'lambert' ? new THREE.MeshLambertMaterial(params) : new THREE.MeshBasicMaterial(params);
  material.onBeforeCompile = (shader) => {
    Object.assign(shader.uniforms, uniforms);
    const head = VERTEX_HEAD + (widths ? WIDTH_HEAD : '');
    const body = VERTEX_BODY + (widths ? WIDTH_BODY : '');
    shader.vertexShader = head + shader.vertexShader.replace('#include <begin_vertex>', `#include <begin_vertex>\n${body}`);
    shader.fragmentShader = FRAGMENT_HEAD + shader.fragmentShader.replace('#include <color_fragment>', `#include <color_fragment>\n${FRAGMENT_BODY}`);
  };
  material.customProgramCacheKey = () => `citytwin-feature-${kind}${widths ? '-widths' : ''}`;
  return {
    material,
    colors,
    ...(widths ? { widths } : {}),
    setHovered: (id) => {
      uniforms.uHovered.value = id;
    },
    setSelected: (id) => {
      uniforms.uSelected.value = id;
    },
    setOpacity: (opacity) => {
      const transparent = opacity < 0.999;
      if (material.transparent !== transparent) {
        material.transparent = transparent;
        material.needsUpdate = true;
      }
      material.opacity = opacity;
    },
    dispose: () => {
      material.dispose();
      colors.dispose();
      widths?.dispose();
    },
  };
}
