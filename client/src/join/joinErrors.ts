/**
 * Every way a join can fail, as one friendly line for the student and the field to put the cursor in.
 * Server sentences are shown where they already say what to do; codes map to our own words otherwise.
 */
import { NICKNAME_MAX, type NicknameError } from "../../../shared/protocol/nickname.ts";

export type Field = "code" | "nickname";

export interface JoinError {
  readonly message: string;
  readonly field: Field | null;
}

export const BAD_CODE: JoinError = {
  message: "A join code has 6 letters and digits, like K7QXCM. Check it on the projector.",
  field: "code",
};

const NICKNAME_ERRORS: Record<NicknameError, string> = {
  empty: "Type a nickname, or tap “Suggest a name”.",
  "too-long": `A nickname has at most ${NICKNAME_MAX} characters.`,
  unprintable: "That nickname has characters that cannot be seen or shown: use letters, digits and spaces.",
  "no-letters": "A nickname needs at least one letter or digit.",
  reserved: "That name belongs to the teacher or a bot: choose a name of your own.",
  "not-allowed": "Choose a nickname the whole class can see on the projector.",
};

export const nicknameError = (error: NicknameError): JoinError => ({
  message: NICKNAME_ERRORS[error],
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
  if (code === 400 && serverMessage?.includes("nickname"))
    return { message: "That nickname is not allowed: choose another.", field: "nickname" };
  // 400 (an out-of-date page) and 429 (too many wrong codes) come with a sentence that says what to do.
  if ((code === 400 || code === 429) && serverMessage) return { message: serverMessage, field: null };
  return OFFLINE;
}
