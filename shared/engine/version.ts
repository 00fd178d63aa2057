/** Bumped whenever a change to the engine can change a round's result: replays check it. */
export const ENGINE_VERSION = "1.1.0";
