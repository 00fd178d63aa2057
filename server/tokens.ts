/** Secrets for the teacher's and projector's links: random, and stored only as hashes. */
import { createHash, randomBytes, randomInt } from "node:crypto";

export const newToken = (): string => randomBytes(24).toString("base64url");
export const newId = (): string => randomBytes(9).toString("base64url");
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
export const randomU32s = (n: number): number[] =>
  Array.from({ length: n }, () => randomInt(0, 0x1_0000_0000 - 1));
