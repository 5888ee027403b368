import { timingSafeEqual } from 'node:crypto';
import { generateActivationCode, hashActivationCode, normalizeActivationCode } from '../auth/activation-codes.ts';

/** Wrong codes a setup code survives; then a new one is printed, so guessing stays hopeless. */
export const SETUP_CODE_TRIES = 10;

/**
 * SETUP-37: the one-time setup code, for setting the school up from another computer. It is
 * printed in the server's log (whoever reads the log runs the server), kept only as its hash,
 * shaped like an activation code (AUTH-8: about 49 bits), replaced after `SETUP_CODE_TRIES`
 * wrong ones, and spent by the setup.
 */
export class SetupCode {
  #hash: Buffer | null = null;
  #wrong = 0;

  constructor(private readonly announce: (code: string) => void) {
    this.#renew();
  }

  /** True when `typed` is the current code (case and dashes aside); counts a wrong one. */
  check(typed: string): boolean {
    const normalized = normalizeActivationCode(typed);
    const hash = this.#hash;
    const ok = hash !== null && normalized !== null && timingSafeEqual(Buffer.from(hashActivationCode(normalized), 'hex'), hash);
    if (!ok && hash !== null && ++this.#wrong >= SETUP_CODE_TRIES) this.#renew();
    return ok;
  }

  /** After the setup: no code works any more. */
  spend(): void {
    this.#hash = null;
  }

  #renew(): void {
    const code = generateActivationCode();
    this.#hash = Buffer.from(hashActivationCode(normalizeActivationCode(code)!), 'hex');
    this.#wrong = 0;
    this.announce(code);
  }
}
