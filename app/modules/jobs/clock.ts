/** What handlers and services ask for the time: the system clock in production, one a test moves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until the test moves it. */
export class MovableClock implements Clock {
  #ms: number;

  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }

  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number }): Date {
    this.#ms += (((by.days ?? 0) * 24 + (by.hours ?? 0)) * 60 + (by.minutes ?? 0)) * 60_000 + (by.seconds ?? 0) * 1000;
    return this.now();
  }
}
