/**
 * A tiny element builder, so views read as markup without innerHTML (no parsing of strings
 * that might one day contain a lock name) and without inline styles (the CSP forbids them).
 */

export type Child = Node | string | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | null | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  element.append(...present(children));
  return element;
}

export function svg<Tag extends keyof SVGElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[Tag] {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attributes);
  element.append(...present(children));
  return element;
}

/** A `<button type="button">`: a bare <button> inside a form would submit it. */
export function button(
  label: Child | Child[],
  onClick: (event: MouseEvent) => void,
  attributes: Attributes = {},
): HTMLButtonElement {
  const element = h(
    'button',
    { type: 'button', ...attributes },
    ...(Array.isArray(label) ? label : [label]),
  );
  element.addEventListener('click', onClick);
  return element;
}

function applyAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    // A style attribute would be refused by the CSP (style-src without 'unsafe-inline')
    // and only show up as a console warning; failing loudly keeps it out of the code.
    if (name === 'style')
      throw new Error('Inline style attributes are blocked by the CSP; use a class.');
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function present(children: Child[]): Array<Node | string> {
  return children.filter(
    (child): child is Node | string => child !== null && child !== undefined && child !== false,
  );
}

/**
 * Marks a control as waiting for an answer. Not `disabled`: a disabled button drops keyboard
 * focus, so the user would lose their place every time they press it. Handlers check the flag.
 */
export function markBusy(control: HTMLElement, busy: boolean): void {
  if (busy) control.setAttribute('aria-disabled', 'true');
  else control.removeAttribute('aria-disabled');
}

/** Reads a required element of the page skeleton; a missing one is a packaging bug. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html lacks #${id}`);
  return element;
}
