/**
 * The Personal Access Key as the CLI carries it from the environment to the client. The value
 * sits in a private field and every way of printing the object shows a placeholder, so a
 * command object logged while debugging cannot leak the key.
 */
import { inspect } from 'node:util';
import { personalKeyProblem } from '../tedee/personal-key-text.ts';

const REDACTED = '[personal key hidden]';

export class PersonalKey {
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
  }

  /**
   * Reads TEDEE_PERSONAL_KEY. Surrounding whitespace is dropped (a pasted key often ends in a
   * newline); null when nothing is left, an error message when the key cannot be a header value.
   */
  static fromEnvironment(raw: string | undefined): PersonalKey | null | { problem: string } {
    const value = raw?.trim() ?? '';
    if (value === '') return null;
    const problem = personalKeyProblem(value);
    if (problem !== null) return { problem: `TEDEE_PERSONAL_KEY ${problem}; copy the key again.` };
    return new PersonalKey(value);
  }

  /** For the Tedee client only. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
