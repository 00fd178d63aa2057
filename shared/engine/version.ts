/** Bumped whenever a change to the engine can change a round's result: replays check it. */
export const ENGINE_VERSION = "3.0.0";
