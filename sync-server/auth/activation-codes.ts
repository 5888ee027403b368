import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { randomInt } from 'node:crypto';

/**
 * One-time activation codes (AUTH-8): random, typeable from a sheet of paper, stored only as
 * their SHA-256. 10 characters from 31 that cannot be mistaken for each other (no 0/O, 1/I/L)
 * give about 49 bits: with sign-in rate limits per address and a 14-day expiry, guessing one is
 * hopeless; a code is shown once and is useless after its first use.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;
export const CODE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** A new code, grouped for reading aloud: `K7M3P-XQ9RT`. */
export function generateActivationCode(): string {
  let s = '';
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The code as typed, canonical: case, spaces and dashes do not matter. Null when it cannot be a code. */
export function normalizeActivationCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== LENGTH || [...s].some((ch) => !ALPHABET.includes(ch))) return null;
  return s;
}

export function hashActivationCode(normalized: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalized)));
}
