/**
 * Shows or clears a form field's error: the text under the field, aria-invalid on the
 * control, and the error's id in aria-describedby so screen readers read it with the field.
 */

export function setFieldError(
  control: HTMLElement,
  errorElement: HTMLElement,
  message: string | null,
): void {
  errorElement.textContent = message ?? '';
  errorElement.hidden = message === null;
  if (message === null) control.removeAttribute('aria-invalid');
  else control.setAttribute('aria-invalid', 'true');
  const describedBy = new Set(
    (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean),
  );
  if (message === null) describedBy.delete(errorElement.id);
  else describedBy.add(errorElement.id);
  if (describedBy.size === 0) control.removeAttribute('aria-describedby');
  else control.setAttribute('aria-describedby', [...describedBy].join(' '));
}
