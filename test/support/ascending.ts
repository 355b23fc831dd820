/** Compare function for numbers: the default sort compares them as strings (10 before 9). */
export function ascending(a: number, b: number): number {
  return a - b;
}
