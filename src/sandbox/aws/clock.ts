/**
 * The emulator's virtual clock. Virtual time runs `speed`× real time plus explicit
 * `advance`s; resources store timestamps (e.g. `pendingUntil`) and compute their state
 * lazily on each read, so moving the clock needs no timers and tests are deterministic
 * (speed 0 + `advance`).
 *
 * @example
 *   const clock = new VirtualClock({ speed: 0 });
 *   const t0 = clock.now(); clock.advance(30_000); clock.now() - t0; // 30000
 */
export interface VirtualClockOptions {
  /** Virtual ms per real ms; default `SANDBOX_SPEED` or 60. */
  speed?: number;
  /** Virtual epoch ms at creation; default the real time, so timestamps look current. */
  start?: number;
  /** Real time source (injected in unit tests). */
  realNow?: () => number;
}

export function defaultSpeed(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SANDBOX_SPEED);
  return env.SANDBOX_SPEED !== undefined && Number.isFinite(n) && n >= 0 ? n : 60;
}

export class VirtualClock {
  private readonly realNow: () => number;
  private anchorReal: number;
  private anchorVirtual: number;
  private currentSpeed: number;

  constructor(opts: VirtualClockOptions = {}) {
    this.realNow = opts.realNow ?? Date.now;
    this.anchorReal = this.realNow();
    this.anchorVirtual = opts.start ?? this.anchorReal;
    this.currentSpeed = opts.speed ?? defaultSpeed();
  }

  /** Virtual epoch milliseconds. */
  now(): number {
    return Math.floor(this.anchorVirtual + (this.realNow() - this.anchorReal) * this.currentSpeed);
  }

  get speed(): number {
    return this.currentSpeed;
  }

  set speed(n: number) {
    this.setSpeed(n);
  }

  /** Changes the rate from now on; time already elapsed is kept. */
  setSpeed(n: number): void {
    if (!Number.isFinite(n) || n < 0)
      throw new RangeError(`clock speed must be a finite number >= 0, got ${n}`);
    this.anchorVirtual = this.now();
    this.anchorReal = this.realNow();
    this.currentSpeed = n;
  }

  /** Jumps virtual time forward. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`can only advance by a finite ms >= 0, got ${ms}`);
    this.anchorVirtual += ms;
  }
}
