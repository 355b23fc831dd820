/**
 * Puts a container's children in a given order while moving as few of them as possible: the
 * longest run already in order stays, and only the others are moved. A moved node loses the
 * focus and any text selection inside it, and scroll anchoring cannot hold on to it, so a
 * lock rising to the top of the list moves one card, not the two hundred below it.
 */

export function placeInOrder(container: HTMLElement, wanted: readonly Element[]): void {
  const keep = new Set(wanted);
  for (const child of Array.from(container.children)) if (!keep.has(child)) child.remove();
  const position = new Map([...container.children].map((child, index) => [child, index]));
  const stays = longestIncreasingRun(wanted.map((element) => position.get(element) ?? -1));
  const active = document.activeElement;
  let next: Element | null = null;
  for (let index = wanted.length - 1; index >= 0; index -= 1) {
    const element = wanted[index];
    if (element === undefined) continue;
    if (!stays.has(index)) container.insertBefore(element, next);
    next = element;
  }
  giveFocusBack(active);
}

/** Moves one child before `next` (null: to the end), keeping the focus where it was. */
export function moveBefore(container: HTMLElement, element: Element, next: Element | null): void {
  if (element.nextElementSibling === next && element.parentElement === container) return;
  const active = document.activeElement;
  container.insertBefore(element, next);
  giveFocusBack(active);
}

/** Moving a node that holds the focus drops it to the page; give it back where it was. */
function giveFocusBack(active: Element | null): void {
  if (active instanceof HTMLElement && active !== document.activeElement && active.isConnected)
    active.focus({ preventScroll: true });
}

/**
 * The indexes of a longest strictly increasing subsequence of `positions`, ignoring -1 (a
 * node not in the container yet). Patience sorting, O(n log n).
 */
function longestIncreasingRun(positions: readonly number[]): Set<number> {
  /** tails[k]: index (into positions) of the smallest tail of an increasing run of length k+1. */
  const tails: number[] = [];
  const previous = Array.from({ length: positions.length }, () => -1);
  positions.forEach((value, index) => {
    if (value < 0) return;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((positions[tails[middle] ?? 0] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1] ?? -1;
    tails[low] = index;
  });
  const run = new Set<number>();
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index] ?? -1) run.add(index);
  return run;
}
