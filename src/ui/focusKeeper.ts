// Keeps keyboard focus in place when the control that has it disappears or is disabled (a "Build network"
// button replaced by the network's controls, "Run" swapped for "Cancel"). Browsers then drop focus to the
// page body, and the next Tab starts again from the top of the page. Here focus moves instead to the first
// control that now follows the old one's place in the same part of the panel, or, when there is none, to
// the panel itself; and it goes back to the old control when that is enabled again.

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

interface Focused {
  el: HTMLElement;
  /** The element before it when it took focus: its place, if it goes. */
  before: Element | null;
  /** Its ancestors, nearest first, up to the observed root. */
  parents: HTMLElement[];
  /** Focus was moved by us to a stand-in while `el` was disabled. */
  parked: HTMLElement | null;
}

function usable(el: HTMLElement): boolean {
  if (!el.isConnected || (el as HTMLButtonElement).disabled || el.closest('[hidden], [inert]')) return false;
  return el.getClientRects().length > 0;
}

/** The stand-in for a control that went: the first usable control after its old place, in its nearest surviving container. */
function standIn(f: Focused, root: HTMLElement): HTMLElement {
  for (const parent of f.parents) {
    if (!parent.isConnected) continue;
    const candidates = Array.from(parent.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((c) => c !== f.el && usable(c));
    const anchor = f.before?.isConnected && parent.contains(f.before) ? f.before : null;
    const after = anchor ? candidates.find((c) => anchor.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) : undefined;
    const pick = after ?? (parent.matches('section, [role="tabpanel"], [role="dialog"]') ? candidates[0] : undefined);
    if (pick) return pick;
    if (parent.matches('section, [role="tabpanel"]')) {
      if (!parent.hasAttribute('tabindex')) parent.tabIndex = -1;
      return parent;
    }
  }
  if (!root.hasAttribute('tabindex')) root.tabIndex = -1;
  return root;
}

/** Watches `root` (the app) and re-homes lost focus; returns the function that stops watching. */
export function keepFocus(root: HTMLElement): () => void {
  let focused: Focused | null = null;
  let scheduled = false;
  const onFocusIn = (e: FocusEvent): void => {
    const el = e.target;
    if (!(el instanceof HTMLElement) || el === root) return;
    if (focused?.parked === el) return;
    const parents: HTMLElement[] = [];
    for (let p = el.parentElement; p && p !== root; p = p.parentElement) parents.push(p);
    focused = { el, before: el.previousElementSibling ?? el.parentElement, parents, parked: null };
  };
  const check = (): void => {
    scheduled = false;
    const f = focused;
    if (!f) return;
    const active = document.activeElement;
    if (f.parked) {
      // Back to the original control once it can take focus again, if the user has not moved on.
      if (active === f.parked && usable(f.el)) {
        f.parked = null;
        f.el.focus({ preventScroll: true });
      } else if (active === f.parked && !f.el.isConnected) {
        const next = standIn(f, root);
        if (next !== f.parked) {
          f.parked = null;
          next.focus({ preventScroll: true });
        }
      }
      return;
    }
    if (active && active !== document.body) return;
    if (f.el.isConnected && !usable(f.el) && !(f.el as HTMLButtonElement).disabled) return; // hidden by scrolling or similar: leave it
    if (usable(f.el)) return;
    const next = standIn(f, root);
    if (f.el.isConnected) f.parked = next; // disabled for now: come back when it is enabled
    next.focus({ preventScroll: !f.el.isConnected ? false : true });
  };
  const observer = new MutationObserver(() => {
    if (scheduled || !focused) return;
    scheduled = true;
    // After the whole input event, not in a microtask: an Enter that removed its field (rename) still has its
    // keypress to come, and would press the control focus moved to (the rename button, reopening the field).
    setTimeout(check, 0);
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
  root.addEventListener('focusin', onFocusIn);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
