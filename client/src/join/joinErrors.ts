/**
 * Every way a join can fail, as one friendly line for the student and the field to put the cursor in.
 * Server sentences are shown where they already say what to do; codes map to our own words otherwise.
 */
import { NICKNAME_SENTENCES, type NicknameError } from "../../../shared/protocol/nickname.ts";

export type Field = "code" | "nickname";

export interface JoinError {
  readonly message: string;
  readonly field: Field | null;
}

export const BAD_CODE: JoinError = {
  message: "A join code has 6 letters and digits, like K7QXCM. Check it on the projector.",
  field: "code",
};

export const nicknameError = (error: NicknameError): JoinError => ({
  message: NICKNAME_SENTENCES[error],
  field: "nickname",
});

/** By the code the room (or the join lookup) answered with. */
const BY_CODE: Record<number, JoinError> = {
  403: { message: "This browser cannot join this session. Ask your teacher.", field: null },
  404: { message: "No session has that code. Check it with your teacher.", field: "code" },
  409: { message: "That nickname is taken in this class: choose another.", field: "nickname" },
  410: { message: "This session has ended. Ask your teacher for the new code.", field: "code" },
  423: { message: "The teacher has locked this session. Ask them to let you in.", field: null },
  503: { message: "The class is full. Ask your teacher for a place.", field: null },
  // The room went away between finding it and joining it.
  522: { message: "That session is no longer running. Check the code with your teacher.", field: "code" },
};

export const OFFLINE: JoinError = {
  message: "Could not reach the class. Check your Wi-Fi and try again.",
  field: null,
};

export function joinErrorFor(code: number | undefined, serverMessage: string | undefined): JoinError {
  if (code !== undefined && BY_CODE[code]) return BY_CODE[code];
  // The room refuses a name with the same sentences this page uses: show it, at the nickname.
  if (code === 400 && serverMessage && Object.values(NICKNAME_SENTENCES).includes(serverMessage))
    return { message: serverMessage, field: "nickname" };
  if (code === 400 && serverMessage?.includes("nickname"))
    return { message: "That nickname is not allowed: choose another.", field: "nickname" };
  // 400 (an out-of-date page) and 429 (too many wrong codes) come with a sentence that says what to do.
  if ((code === 400 || code === 429) && serverMessage) return { message: serverMessage, field: null };
  return OFFLINE;
}
