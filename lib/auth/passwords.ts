import { hash, verify } from '@node-rs/argon2';
import { randomToken } from './secrets.js';

/** An argon2id hash (PHC string) of `password`, with @node-rs/argon2's defaults: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  // argon2id is the library's default algorithm (its `Algorithm` is a const enum, which isolatedModules cannot import).
  return hash(password);
}

/** Whether `password` matches `passwordHash`; a malformed hash matches nothing. */
export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A password for the first admin when none is configured: 18 random bytes, 24 characters. */
export function generatePassword(): string {
  return randomToken(18);
}
