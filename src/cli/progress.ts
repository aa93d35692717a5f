/**
 * Progress on standard error, for runs long enough to wonder about. Nothing is shown for the first
 * second (most runs end sooner). After that, on a terminal, one line is rewritten in place
 * ("reading 12 files", "checking 30/80 stacks") and erased at the end; and on any stderr, terminal
 * or not, a run that took longer ends with one timing line, so CI logs say where the time went.
 * The threshold can be set with CDK_SAFE_PATTERNS_PROGRESS_AFTER_MS.
 */
export class Progress {
  private readonly started = Date.now();
  private readonly afterMs: number;
  private lastDraw = 0;
  private drawn = false;

  public constructor(
    private readonly stream: NodeJS.WriteStream,
    environment: NodeJS.ProcessEnv,
  ) {
    const raw = environment.CDK_SAFE_PATTERNS_PROGRESS_AFTER_MS;
    const configured = Number(raw);
    this.afterMs = raw !== undefined && raw.trim() !== '' && Number.isFinite(configured) && configured >= 0 ? configured : 1000;
  }

  /** Updates the live line (terminal only, at most ten times a second). */
  public update(text: string): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.started < this.afterMs || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\r\x1b[2Kcdk-safe-patterns: ${text} (${seconds(now - this.started)})`);
  }

  /** Erases the live line; writes the timing line when the run was slow. */
  public finish(summary: string): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    const elapsed = Date.now() - this.started;
    if (elapsed >= this.afterMs) this.stream.write(`cdk-safe-patterns: ${summary} in ${seconds(elapsed)}\n`);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
