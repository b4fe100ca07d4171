// The attract loop's driver: each animation frame moves the loop position on (src/core/kiosk/loop.ts) and
// puts the camera where the tour says — an eased flight between viewpoints, then a hold — through the view's
// control (src/scene/viewControl.ts). Touch pauses it; when it resumes, a short flight brings the camera back
// from wherever the visitor left it, and the tour goes on where it left off. `prefers-reduced-motion`:
// every flight is an instant move.
import { type KioskFile, type LocalView, type LoopFrame, type LoopPosition, advance, easeInOut, frameAt, interpolateView } from '../../core/kiosk/index.ts';
import { type LocalFrame, toLocal } from '../../core/geo/index.ts';
import { reducedMotion, viewControl } from '../../scene/viewControl.ts';

/** The flight back into the tour after a visitor's touch, s. */
const RESUME_FLIGHT_S = 2.5;
/** A frame gap longer than this (a hidden tab) moves the loop on by this much only, s. */
const MAX_FRAME_GAP_S = 1;

export class AttractLoop {
  private position: LoopPosition;
  private raf = 0;
  private last = 0;
  private running = false;
  private resume: { from: LocalView; elapsed: number } | null = null;
  private heldStep = -1;
  private readonly views: LocalView[];
  private lastFrame: LoopFrame | null = null;

  constructor(
    private readonly kiosk: Pick<KioskFile, 'viewpoints' | 'playlist'>,
    frame: LocalFrame,
    start: LoopPosition,
    /** Told whenever the step, the phase or the playlist item changes (not every frame). */
    private readonly onChange: (frame: LoopFrame, position: LoopPosition) => void,
    /** Loop seconds per real second (tests and benchmarks run it faster). */
    private readonly speed = 1,
  ) {
    this.position = start;
    this.views = kiosk.viewpoints.map((vp) => {
      const [x, y] = toLocal(frame, vp.lonLat[0], vp.lonLat[1]);
      return { x, y, distance: vp.distance, tilt: vp.tilt, bearing: vp.bearing };
    });
  }

  get where(): LoopPosition {
    return this.position;
  }

  get active(): boolean {
    return this.running;
  }

  /** Starts (or resumes after a touch, flying back from the current view). */
  start(): void {
    if (this.running) return;
    this.running = true;
    const now = viewControl()?.view();
    this.resume = now && this.lastFrame ? { from: now, elapsed: 0 } : null;
    this.heldStep = -1;
    this.last = performance.now();
    const tick = (t: number): void => {
      if (!this.running) return;
      const dt = Math.min(Math.max((t - this.last) / 1000, 0), MAX_FRAME_GAP_S);
      this.last = t;
      this.step(dt);
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
  }

  /** Pauses (a visitor touched the screen): the position stays where it is. */
  pause(): void {
    this.running = false;
    cancelAnimationFrame(this.raf);
  }

  /** Moves the loop on by `realSeconds` (× speed) and places the camera. */
  step(realSeconds: number): void {
    this.position = advance(this.kiosk, this.position, realSeconds * this.speed);
    const f = frameAt(this.kiosk, this.position);
    const prev = this.lastFrame;
    if (!prev || prev.to !== f.to || prev.phase !== f.phase || prev.item !== f.item || prev.tours !== f.tours) this.onChange(f, this.position);
    this.lastFrame = f;
    const control = viewControl();
    if (!control) return;
    const instant = reducedMotion();
    let target: LocalView;
    if (f.phase === 'flight' && !instant) target = interpolateView(this.views[f.from]!, this.views[f.to]!, f.t);
    else {
      target = this.views[f.to]!;
      // Holding still: the camera is set once per hold (nothing to draw in between).
      if (this.heldStep === this.position.step && !this.resume) return;
      this.heldStep = this.position.step;
    }
    if (this.resume) {
      this.resume.elapsed += realSeconds;
      const u = instant ? 1 : easeInOut(this.resume.elapsed / RESUME_FLIGHT_S);
      if (u >= 1) this.resume = null;
      else target = interpolateView(this.resume.from, target, u);
    }
    control.setView(target);
  }
}
