/** Slow salted password hashing (scrypt in the system adapter). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/** Opaque random bearer tokens (>= 128 bits) and the one-way hash that is stored. */
export interface TokenService {
  issue(): { token: string; hash: string };
  hash(token: string): string;
}
