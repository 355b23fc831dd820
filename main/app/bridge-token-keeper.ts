/**
 * The Tedee Bridge token in the app: kept like the Personal Access Key (encrypted by the system,
 * or for this session only where it offers no safe storage), bound to the bridge address it was
 * given for, and used only while the settings name that address. Never sent to the window:
 * the window hears only whether one is kept.
 */
import { BridgeClient } from '../bridge/bridge-client.ts';
import { BridgeAuthError, BridgeError } from '../bridge/bridge-errors.ts';
import type { BridgeConnection } from '../engine/bridge-connection.ts';
import type { Clock } from '../engine/clock.ts';
import type { BridgeSettings } from '../settings/bridge-settings.ts';
import { originOf } from '../tedee/api-address.ts';
import { personalKeyProblem } from '../tedee/personal-key-text.ts';
import type { BoundKey, KeyStorage, KeyVault, Logger } from './ports.ts';
import { UserFacingError } from './user-facing-error.ts';

export type TokenState = 'none' | 'saved' | 'session-only';

export interface BridgeTokenKeeperDeps {
  vault: KeyVault;
  logger: Logger;
  /** This installation's persistent id (the first segment of its callback path). */
  instanceId(): string;
  /** The token's timestamps and the request spacing. */
  clock: Clock;
}

export class BridgeTokenKeeper {
  readonly #deps: BridgeTokenKeeperDeps;
  #token: BoundKey | null = null;
  #state: TokenState = 'none';

  constructor(deps: BridgeTokenKeeperDeps) {
    this.#deps = deps;
  }

  /** For redacting logs. */
  get secret(): string | null {
    return this.#token?.key ?? null;
  }

  /** Reads the stored token, when the system can decrypt it. */
  async readStored(storage: KeyStorage): Promise<void> {
    if (storage !== 'encrypted') return;
    const stored = await this.#deps.vault.load();
    if (stored === null || this.#token !== null) return;
    this.#token = stored;
    this.#state = 'saved';
  }

  /** 'none' while the kept token is for another address than the settings name. */
  stateFor(settings: BridgeSettings): TokenState {
    return this.#tokenFor(settings) === null ? 'none' : this.#state;
  }

  /** The token for the address in the settings, or null. */
  #tokenFor(settings: BridgeSettings): string | null {
    if (this.#token === null || settings.address === '') return null;
    return this.#token.origin === originOf(settings.address) ? this.#token.key : null;
  }

  /** What the engine runs live mode with, or null while it is off or has no token. */
  connectionFor(settings: BridgeSettings): BridgeConnection | null {
    const token = this.#tokenFor(settings);
    if (!settings.enabled || token === null) return null;
    return {
      address: settings.address,
      token,
      authMode: settings.authMode,
      callbackHost: settings.callbackHost,
      callbackPort: settings.callbackPort,
      lanPollSeconds: settings.lanPollSeconds,
      instanceId: this.#deps.instanceId(),
    };
  }

  /** Shown while a token waits for its address, so the window says why it asks for one. */
  noticesFor(settings: BridgeSettings): string[] {
    if (this.#token === null || settings.address === '' || this.#tokenFor(settings) !== null)
      return [];
    return [
      `The bridge token was given for ${this.#token.origin}, and Tedee Tray sends it only there. Enter the token again for ${originOf(settings.address)}, or set the bridge address back.`,
    ];
  }

  /** Checks the token with the bridge (GET /bridge), then keeps it for the bridge's address. */
  async set(token: string, settings: BridgeSettings, storage: KeyStorage): Promise<void> {
    const problem = personalKeyProblem(token);
    if (problem !== null)
      throw new UserFacingError(`This token ${problem}. Copy it again from the Tedee app.`);
    if (settings.address === '')
      throw new UserFacingError(
        "Save the bridge's address first: the token is kept for that address only.",
      );
    await this.#check(token, settings);
    const bound: BoundKey = { key: token, origin: originOf(settings.address) };
    const sessionOnly = storage !== 'encrypted';
    if (sessionOnly) this.#deps.vault.clear();
    else await this.#deps.vault.save(bound);
    this.#token = bound;
    this.#state = sessionOnly ? 'session-only' : 'saved';
    this.#deps.logger.info(
      `A bridge token was accepted for ${bound.origin} (${sessionOnly ? 'this session only' : 'stored encrypted'}).`,
    );
  }

  clear(): void {
    this.#deps.vault.clear();
    this.#token = null;
    this.#state = 'none';
    this.#deps.logger.info('The bridge token was removed.');
  }

  /** The token to test the settings' bridge with, or null when none is kept for it. */
  tokenToTest(settings: BridgeSettings): string | null {
    return this.#tokenFor(settings);
  }

  async #check(token: string, settings: BridgeSettings): Promise<void> {
    const client = new BridgeClient({
      bridgeUrl: settings.address,
      token,
      auth: settings.authMode,
      clock: this.#deps.clock,
    });
    try {
      await client.getBridge();
    } catch (error) {
      if (error instanceof BridgeAuthError) throw new UserFacingError(error.message);
      if (error instanceof BridgeError)
        throw new UserFacingError(`The token was not saved: ${error.message}`);
      throw new UserFacingError('The token could not be checked. Try again in a moment.');
    }
  }
}
