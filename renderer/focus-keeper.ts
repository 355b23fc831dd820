/**
 * Small regions rebuilt from each state (banners, toolbar) would drop keyboard focus, a text
 * selection and a half-done click every time main sends a state, every 30 s or so. A region
 * whose markup did not change is left alone. Otherwise controls in it carry a data-focus-key;
 * after the rebuild, the control with the same key gets focus back.
 */

export function replaceKeepingFocus(container: HTMLElement, children: readonly Element[]): void {
  // Handlers are not in the markup, but they are made from the same state as the markup.
  if (children.map((child) => child.outerHTML).join('') === container.innerHTML) return;
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
