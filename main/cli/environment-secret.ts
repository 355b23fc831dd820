/**
 * A secret as the CLI carries it from the environment to a client: the Personal Access Key
 * (TEDEE_PERSONAL_KEY) and the bridge token (TEDEE_BRIDGE_TOKEN). The value sits in a private
 * field and every way of printing the object shows a placeholder, so a command object logged
 * while debugging cannot leak either. Secrets are never flags: a flag shows in the process
 * list and the shell history.
 */
import { inspect } from 'node:util';
import { personalKeyProblem } from '../tedee/personal-key-text.ts';

export interface SecretVariable {
  /** The environment variable, e.g. TEDEE_PERSONAL_KEY. */
  name: string;
  /** What it holds, for messages: "key", "token". */
  noun: string;
}

export const KEY_VARIABLE: SecretVariable = { name: 'TEDEE_PERSONAL_KEY', noun: 'key' };
export const BRIDGE_TOKEN_VARIABLE: SecretVariable = { name: 'TEDEE_BRIDGE_TOKEN', noun: 'token' };

export class EnvironmentSecret {
  readonly #value: string;
  readonly #placeholder: string;

  private constructor(value: string, placeholder: string) {
    this.#value = value;
    this.#placeholder = placeholder;
  }

  /**
   * Reads the variable's value. Surrounding whitespace is dropped (a pasted secret often ends
   * in a newline); null when nothing is left, a message when it cannot be a header value (the
   * same characters are refused in both: a copy from a chat adds the same invisible ones).
   */
  static fromEnvironment(
    raw: string | undefined,
    variable: SecretVariable,
  ): EnvironmentSecret | null | { problem: string } {
    const value = raw?.trim() ?? '';
    if (value === '') return null;
    const problem = personalKeyProblem(value);
    if (problem !== null)
      return { problem: `${variable.name} ${problem}; copy the ${variable.noun} again.` };
    return new EnvironmentSecret(value, `[${variable.noun} hidden]`);
  }

  /** For the client that sends it, only. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return this.#placeholder;
  }

  toJSON(): string {
    return this.#placeholder;
  }

  [inspect.custom](): string {
    return this.#placeholder;
  }
}
