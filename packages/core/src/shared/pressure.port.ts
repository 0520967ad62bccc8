/**
 * Whether this instance is behind on its requests (its event loop answers late): work that
 * can wait, such as a new position for someone who already knows theirs, waits while it is.
 */
export interface Pressure {
  high(): boolean;
}
