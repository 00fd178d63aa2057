/** Bumped whenever a message or a state field changes shape; client and server refuse to mix versions. */
export const PROTOCOL_VERSION = 1;
