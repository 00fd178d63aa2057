/**
 * Imported first by every page and worker. zod 4 probes whether it may compile validators with
 * `new Function`; under the pages' Content-Security-Policy (no 'unsafe-eval') that probe is a reported
 * violation. Jitless validation is the same validation without the probe, and fast enough for our messages.
 */
import { z } from "zod";

z.config({ jitless: true });
