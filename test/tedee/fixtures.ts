/** Reads the response samples shaped like Tedee's documentation (test/fixtures/tedee). */
import { readFileSync } from 'node:fs';

export function docFixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/tedee/${name}.json`, import.meta.url), 'utf8'),
  );
}
