/** Passwords are stored only as argon2id hashes. */
import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2's Algorithm.Argon2id is 2 (a const enum, not importable under isolatedModules)
const ARGON2ID = 2;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the login is unknown, so timing does not reveal which logins exist. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("not-a-real-password");
  return dummy;
}
