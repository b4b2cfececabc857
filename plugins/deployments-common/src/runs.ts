/**
 * How long a workflow run took, in whole seconds: from its start to its last update once
 * completed, or up to `now` while it runs. `undefined` when a time is missing or unreadable,
 * or the end lies before the start (clocks of different machines).
 */
export function runDurationSeconds(
  run: { status: string; startedAt?: string; updatedAt?: string },
  now: Date,
): number | undefined {
  if (!run.startedAt) return undefined;
  const start = Date.parse(run.startedAt);
  let end = now.getTime();
  if (run.status === 'completed') {
    end = run.updatedAt ? Date.parse(run.updatedAt) : NaN;
  }
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    return undefined;
  }
  return Math.floor((end - start) / 1000);
}

/** `1 h 02 min`, `3 min 07 s`, `42 s`: a duration as a person reads it. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}
