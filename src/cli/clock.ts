/**
 * The CLI's clock: the wall clock, or — against the sandbox — the sandbox's own virtual clock,
 * read from `SITEBOT_CLOCK_URL` (the emulator's `GET /_sandbox/clock`: `{ now, speed }`). Every
 * time the CLI writes (a run's steps, an env's creation and expiry) and every age or cost it
 * shows is then on the same clock as the bot's, so nothing reads as hours old or dated in the
 * future. Between reads the clock runs on at the sandbox's speed; it is read again every few
 * seconds, so a speed change or a jump of the sandbox's clock is followed.
 */
import { z } from 'zod';
import type { Clock } from '../workflows/engine/clock';

export interface CliClock extends Clock {
  /** Virtual ms per real ms (1 on the wall clock; 0 while the sandbox's clock is stopped). */
  readonly speed: number;
  /** A wait of `ms` on this clock, in real ms (a stopped clock: as is). */
  realDelay(ms: number): number;
  close(): void;
}

const clockAnswer = z.object({ now: z.number().finite(), speed: z.number().finite().min(0) });

/** How often the sandbox's clock is read again, in real ms. */
const RESYNC_MS = 2_000;

export const wallClock: CliClock = {
  now: () => Date.now(),
  speed: 1,
  realDelay: (ms) => ms,
  close: () => undefined,
};

/** Reads the clock at `url` once (a failure is an error naming the URL), then follows it. */
export async function openRemoteClock(
  url: string,
  fetchJson: (url: string) => Promise<unknown> = async (u) => (await fetch(u)).json(),
  realNow: () => number = Date.now,
): Promise<CliClock> {
  const read = async () => {
    const parsed = clockAnswer.safeParse(await fetchJson(url));
    if (!parsed.success) throw new Error(`${url} did not answer { now, speed }`);
    return { ...parsed.data, at: realNow() };
  };
  let state = await read().catch((err: unknown) => {
    throw new Error(`cannot read the clock at ${url} (SITEBOT_CLOCK_URL): ${(err as Error).message}`);
  });
  let last = state.now;
  const timer = setInterval(() => {
    read().then(
      (next) => (state = next),
      () => undefined, // keep running on the last reading
    );
  }, RESYNC_MS);
  timer.unref();
  return {
    now() {
      // Never backwards, even when a fresh reading lands a little behind the extrapolation.
      last = Math.max(last, Math.floor(state.now + (realNow() - state.at) * state.speed));
      return last;
    },
    get speed() {
      return state.speed;
    },
    realDelay: (ms) => (state.speed > 0 ? ms / state.speed : ms),
    close: () => clearInterval(timer),
  };
}
