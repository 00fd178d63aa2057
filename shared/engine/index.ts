/** The learning engine: pure, deterministic from a seed, shared by the server, the clients, the bots and the CLI. */
export * from "./bots.ts";
export * from "./checksum.ts";
export * from "./classroom.ts";
export * from "./convergence.ts";
export * from "./exam.ts";
export { createExam } from "./exams/index.ts";
export * from "./experiment.ts";
export * from "./feedback.ts";
export * from "./learners.ts";
export * from "./random.ts";
export * from "./schemes.ts";
export * from "./scoreNoise.ts";
export * from "./simulate.ts";
export * from "./theory.ts";
export * from "./tuning.ts";
export * from "./version.ts";
export * from "./weightPerturbation.ts";
