/**
 * Regions rebuilt on every state (banners, toolbar, lock cards) would drop keyboard focus each
 * time main sends a state, every 30 s or so. Controls in them carry a data-focus-key; after the
 * rebuild, the control with the same key gets focus back.
 */

export function replaceKeepingFocus(container: HTMLElement, children: readonly Node[]): void {
  const active = document.activeElement;
  const key =
    active instanceof HTMLElement && container.contains(active)
      ? active.dataset['focusKey']
      : undefined;
  container.replaceChildren(...children);
  if (key === undefined) return;
  const again = container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
  if (again !== null && !again.matches(':disabled')) again.focus({ preventScroll: true });
  // The control is gone or now disabled (Refresh now after a refresh): keep focus in the region,
  // so the next Tab continues from here instead of from the top of the window.
  else container.focus({ preventScroll: true });
}
