import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id recommendation (m=19 MiB, t=2, p=1); @node-rs/argon2 defaults to argon2id.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifies against a fixed hash so that "no such user" costs as much time as "wrong password". */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("proxima-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
