/** TaskStatus is the status of one node of a scan. */
export type TaskStatus = "queued" | "waiting" | "running" | "succeeded" | "failed" | "skipped" | "canceled";

/** Task is the in-memory state of one node of an active scan. */
export interface Task {
  nodeId: string;
  status: TaskStatus;
  progress: number;
  attempts: number;
  /** Settles when the running dispatch ended and its outcome is stored. */
  running?: Promise<void>;
}

/** ActiveScan is a scan the master is driving: not yet completed, failed or canceled. */
export interface ActiveScan {
  id: string;
  deadlineAt: Date;
  scanners: string[];
  optionsJson: string;
  requestedBy: string | null;
  scheduleId: string | null;
  tasks: Map<string, Task>;
  /** Aborted on cancel: running dispatches send CancelCommand. */
  abort: AbortController;
  started: boolean;
  canceled: boolean;
  finished: boolean;
  lastProgressAt: number;
}

/** isActiveTask tells whether a task may still change. */
export function isActiveTask(t: Task): boolean {
  return t.status === "queued" || t.status === "waiting" || t.status === "running";
}

/** overallProgress is the mean progress of a scan's nodes (finished nodes count as 1). */
export function overallProgress(a: ActiveScan): number {
  if (a.tasks.size === 0) return 1;
  let sum = 0;
  for (const t of a.tasks.values()) sum += isActiveTask(t) ? t.progress : 1;
  return sum / a.tasks.size;
}
