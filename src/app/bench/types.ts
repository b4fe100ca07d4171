// The `window.__bench` contract shared by CityTwin's bench mode and the deck.gl comparison page
// (bench/deckgl), so one harness (bench/scale.ts) can drive both. Times are milliseconds.

export interface BenchViewer {
  readonly name: string;
  readonly version: string;
}

export interface BenchHandle {
  /** Features in the file (0 until parsed). */
  n: number;
  /** Duration from the request for the file until all its bytes are in (as text), ms. */
  fetchMs: number;
  /**
   * Duration from "all bytes in" until the data are ready to draw, ms. CityTwin: the ingest worker's
   * parse + build + transfer back (see `ingest` for the worker's own split); deck.gl: JSON.parse (its
   * tessellation happens in the first frame and counts in `firstFrameMs`).
   */
  parseMs: number;
  /** performance.now() (since navigation start) when the first frame with every building was drawn and drained; 0 until then. */
  firstFrameMs: number;
  /**
   * performance.now() when that frame had been issued, before waiting for the GPU (the wait runs in a
   * task of its own, so harnesses can leave it out of main-thread figures); 0 until then.
   */
  frameIssuedMs: number;
  /** performance.now() when the request for the file was sent (start of loading). */
  fetchStartMs: number;
  /** Frames rendered so far (a live counter). */
  readonly frames: number;
  /** Why loading failed (HTTP error, unreadable file); absent while all is well. */
  error?: string;
  readonly viewer: BenchViewer;
  /** Turns the camera (45° pitch, framing the data) to a compass bearing about the data's centre and renders one frame. */
  setBearing(deg: number): void;
}

/** `?bench` (with or without a value) and the data URL (`?data=`), or null when not in bench mode. */
export function benchParams(search: string): { data: string | null } | null {
  const params = new URLSearchParams(search);
  if (!params.has('bench') || params.get('bench') === '0') return null;
  return { data: params.get('data') };
}
