/** The only source of "now" in the core: epoch milliseconds. Tests inject a fake. */
export interface Clock {
  now(): number;
}
