/** TOTP (RFC 6238) and HOTP (RFC 4226) against the test vectors of the RFCs. */
import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  hashRecoveryCode,
  hotp,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  totp,
} from "../src/totp.ts";

const SEED20 = Buffer.from("12345678901234567890", "ascii");
const SEED32 = Buffer.from("12345678901234567890123456789012", "ascii");
const SEED64 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234", "ascii");

describe("HOTP (RFC 4226, appendix D)", () => {
  it("gives the RFC's values for counters 0..9", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, i) => hotp(SEED20, i))).toEqual(expected);
  });
});

describe("TOTP (RFC 6238, appendix B)", () => {
  const vectors: [number, string, string, string][] = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  it("gives the RFC's 8-digit values with SHA-1, SHA-256 and SHA-512", () => {
    for (const [t, sha1, sha256, sha512] of vectors) {
      const at = new Date(t * 1000);
      expect(totp(SEED20, at, { digits: 8, algorithm: "sha1" }), `${t} sha1`).toBe(sha1);
      expect(totp(SEED32, at, { digits: 8, algorithm: "sha256" }), `${t} sha256`).toBe(sha256);
      expect(totp(SEED64, at, { digits: 8, algorithm: "sha512" }), `${t} sha512`).toBe(sha512);
    }
  });

  it("accepts the code of the current step and one step either way, not two", () => {
    const secret = base32Encode(SEED20);
    const at = new Date(1111111111 * 1000);
    const step = Math.floor(1111111111 / 30);
    for (const d of [-1, 0, 1]) expect(matchTotp(secret, totp(SEED20, new Date(at.getTime() + d * 30_000)), at)).toBe(step + d);
    for (const d of [-2, 2]) expect(matchTotp(secret, totp(SEED20, new Date(at.getTime() + d * 30_000)), at)).toBeNull();
    expect(matchTotp(secret, "12345", at)).toBeNull();
    expect(matchTotp(secret, "abcdef", at)).toBeNull();
  });
});

describe("base32, secrets, recovery codes", () => {
  it("round-trips base32 (RFC 4648 alphabet)", () => {
    expect(base32Encode(Buffer.from("12345678901234567890"))).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    for (let n = 0; n < 40; n++) {
      const b = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 255));
      expect(base32Decode(base32Encode(b)).equals(b)).toBe(true);
    }
    expect(() => base32Decode("not base32!")).toThrow();
  });

  it("makes 160-bit secrets, an otpauth URI, and distinct recovery codes hashed the same however typed", () => {
    const s = newTotpSecret();
    expect(base32Decode(s)).toHaveLength(20);
    expect(s).not.toBe(newTotpSecret());
    expect(otpauthUri(s, "ivanov")).toBe(`otpauth://totp/Orientir%3Aivanov?secret=${s}&issuer=Orientir&algorithm=SHA1&digits=6&period=30`);
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!)).toBe(hashRecoveryCode(` ${codes[0]!.toUpperCase().replace("-", "")} `));
    expect(hashRecoveryCode(codes[0]!)).not.toBe(hashRecoveryCode(codes[1]!));
  });
});
