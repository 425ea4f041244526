import type { StepReport } from './trainer';
import { yieldToEventLoop } from './yieldToEventLoop';

export type LoopStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'finished' | 'failed';

/** What the loop drives: the Trainer, or a stand-in in tests. */
export interface StepRunner {
  step(): Promise<StepReport>;
  readonly stepCount: number;
}

export interface TrainingLoopOptions {
  /** The loop finishes once the runner has completed this many steps. */
  totalSteps: number;
  /** How to give the event loop a turn between steps (injectable for tests). */
  yieldBetweenSteps?: () => Promise<void>;
}

export type ReportListener = (report: StepReport) => void;
export type StatusListener = (status: LoopStatus, errorMessage?: string) => void;

const TERMINAL: ReadonlySet<LoopStatus> = new Set(['stopped', 'finished', 'failed']);

/**
 * Runs a trainer step after step under user control: start, pause, resume, single steps and stop.
 *
 * One async "drive" at a time does all stepping, so no two steps ever overlap, whatever order the
 * controls arrive in. A control only changes the status; the drive reads it between steps. A step that
 * is in flight always completes (tensors must be released), so pause and stop take effect after it —
 * and `stop()` returns a promise that resolves then, after which the trainer may be disposed safely.
 * Between steps the drive yields a macrotask, so in a worker the messages carrying those controls get
 * to run. The loop never owns or disposes the trainer.
 *
 * Status machine: idle → running ⇄ paused; single steps from idle or paused leave it paused;
 * any of those → stopped (by stop), finished (after totalSteps) or failed (a step threw).
 */
export class TrainingLoop {
  private currentStatus: LoopStatus = 'idle';
  private failureMessage: string | undefined;
  private drive: Promise<void> = Promise.resolve();
  /** Set and cleared synchronously with the drive's decisions, so no control can fall between them. */
  private driving = false;
  private readonly singleStepWaiters: Array<(report: StepReport | null) => void> = [];
  private readonly reportListeners = new Set<ReportListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly totalSteps: number;
  private readonly yieldBetweenSteps: () => Promise<void>;

  constructor(
    private readonly runner: StepRunner,
    options: TrainingLoopOptions,
  ) {
    if (!Number.isInteger(options.totalSteps) || options.totalSteps < 1) {
      throw new Error(`totalSteps must be a positive whole number (got ${options.totalSteps}).`);
    }
    this.totalSteps = options.totalSteps;
    this.yieldBetweenSteps = options.yieldBetweenSteps ?? yieldToEventLoop;
  }

  get status(): LoopStatus {
    return this.currentStatus;
  }

  /** Why the loop failed (set only with status 'failed'). */
  get errorMessage(): string | undefined {
    return this.failureMessage;
  }

  /** Called after every completed step. Returns an unsubscribe function. */
  onReport(listener: ReportListener): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  /** Called on every status change, with the error message when the status is 'failed'. */
  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Starts (from idle) or resumes (from paused) continuous training. Resolves when stepping stops again. */
  start(): Promise<void> {
    if (this.currentStatus === 'idle' || this.currentStatus === 'paused') {
      this.setStatus('running');
      return this.ensureDriving();
    }
    return this.settled();
  }

  /** Same as start(); reads better after a pause. */
  resume(): Promise<void> {
    return this.start();
  }

  /** Stops after the step in flight; resume() continues from there. */
  pause(): void {
    if (this.currentStatus === 'running') this.setStatus('paused');
  }

  /**
   * Runs exactly one step from idle or paused and leaves the loop paused (or finished, if that was the
   * last step). Resolves with its report, or null when it cannot run (running, already ended, or stopped
   * or failed before the step).
   */
  stepOnce(): Promise<StepReport | null> {
    if (this.currentStatus !== 'idle' && this.currentStatus !== 'paused') return Promise.resolve(null);
    if (this.currentStatus === 'idle') this.setStatus('paused');
    const result = new Promise<StepReport | null>((resolve) => this.singleStepWaiters.push(resolve));
    void this.ensureDriving();
    return result;
  }

  /** Ends the run for good. Resolves once no step is in flight. Safe in any status, also while paused. */
  stop(): Promise<void> {
    if (!TERMINAL.has(this.currentStatus)) {
      this.setStatus('stopped');
      this.releaseSingleStepWaiters();
    }
    return this.settled();
  }

  /** Resolves when no step is in flight. */
  settled(): Promise<void> {
    return this.drive;
  }

  private ensureDriving(): Promise<void> {
    if (!this.driving) {
      this.driving = true;
      this.drive = this.runSteps();
    }
    return this.drive;
  }

  private async runSteps(): Promise<void> {
    try {
      for (;;) {
        const wantsStep = this.currentStatus === 'running' || (this.currentStatus === 'paused' && this.singleStepWaiters.length > 0);
        if (!wantsStep) return;
        if (this.runner.stepCount >= this.totalSteps) {
          this.finish();
          return;
        }
        // A single step requested just before start() is answered by the first step of the run.
        const waiter = this.singleStepWaiters.shift();
        let report: StepReport;
        try {
          report = await this.runner.step();
          this.reportListeners.forEach((listener) => listener(report));
        } catch (error) {
          waiter?.(null);
          this.fail(error);
          return;
        }
        waiter?.(report);
        if (this.runner.stepCount >= this.totalSteps) {
          this.finish();
          return;
        }
        if (this.currentStatus === 'running') await this.yieldBetweenSteps();
      }
    } finally {
      // This runs in the same synchronous stretch as the decision to stop stepping (a `return` inside
      // try), so a control arriving afterwards starts a new drive instead of joining one that is ending.
      this.driving = false;
    }
  }

  private finish(): void {
    // A stop that arrived during the last step wins: the user asked for it.
    if (this.currentStatus === 'running' || this.currentStatus === 'paused') this.setStatus('finished');
    this.releaseSingleStepWaiters();
  }

  private fail(error: unknown): void {
    this.failureMessage = error instanceof Error ? error.message : String(error);
    this.setStatus('failed', this.failureMessage);
    this.releaseSingleStepWaiters();
  }

  private releaseSingleStepWaiters(): void {
    this.singleStepWaiters.splice(0).forEach((resolve) => resolve(null));
  }

  private setStatus(status: LoopStatus, errorMessage?: string): void {
    this.currentStatus = status;
    for (const listener of this.statusListeners) {
      try {
        listener(status, errorMessage);
      } catch (error) {
        // A broken listener must not wedge the state machine; surface its error without unwinding here.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
