/**
 * What the page says when the seat is gone, and where it offers to go: back to the join page with the
 * code filled in where joining again can work, to a blank join page where it cannot.
 */
import type { Ending } from "./model.ts";

export interface EndingText {
  readonly title: string;
  readonly text: string;
  readonly link: string;
  /** Whether the link rejoins the same class (so the join page gets its code). */
  readonly sameClass: boolean;
}

export const ENDINGS: Record<Ending, EndingText> = {
  "no-seat": {
    title: "You have not joined a class here",
    text: "Join with the code your teacher shows.",
    link: "Join a class",
    sameClass: false,
  },
  "seat-lost": {
    title: "Your seat was lost",
    text: "You were away too long, or the session closed. Join again to play on.",
    link: "Join again",
    sameClass: true,
  },
  elsewhere: {
    title: "Your seat is open in another tab",
    text: "This browser opened the class again in another tab or window: carry on there.",
    link: "Play here instead",
    sameClass: true,
  },
  closed: {
    title: "The connection to your class closed",
    text: "Join again to play on.",
    link: "Join again",
    sameClass: true,
  },
  kicked: {
    title: "The teacher removed you from the class",
    text: "You can join again if your teacher agrees.",
    link: "Join again",
    sameClass: true,
  },
  banned: {
    title: "The teacher removed you from this session",
    text: "This browser cannot rejoin it.",
    link: "Back to the start",
    sameClass: false,
  },
  ended: {
    title: "The session has ended",
    text: "Thank you for playing!",
    link: "Join another class",
    sameClass: false,
  },
};
