import type { ConsentPrompt } from '../domain/consent-prompt.ts';

/** One run of a prompt's delivery (each offers the prompt to the user's channels in order). */
export interface DeliveryRun {
  promptId: string;
  /** 1 on the first run. */
  attempt: number;
  /** No retry follows this run. */
  final: boolean;
  /** The prompt as just stored (the first run in process); read from the database when absent. */
  prompt?: ConsentPrompt;
  /**
   * A decision token whose hash the prompt already holds: the first channel offered carries it without
   * a rotation. Absent: every offer mints its own.
   */
  token?: string;
}
