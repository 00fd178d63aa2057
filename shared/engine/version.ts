/** Bumped whenever a change to the engine can change a round's result: replays check it. */
export const ENGINE_VERSION = "2.0.0";
