/**
 * Zod compiles fast parsers with `new Function` unless told not to, and probes for that with a
 * caught `new Function("")`. The window's CSP has no 'unsafe-eval', so the probe is refused
 * and reported as a violation. This must run before any schema is built (the contract and
 * settings modules build theirs on import), which is why app.ts imports it first.
 */
import { z } from 'zod';

z.config({ jitless: true });
