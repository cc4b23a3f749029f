/** What the compute workers run (pool.ts): pure functions of the use cases and the forms, by name. */
import { rankPrograms } from "@orientir/app";
import { renderForm, type FormDocument, type Format } from "@orientir/reports";

export const TASKS = {
  /** The ranking of a municipality's programs for a year (app `rankPrograms`). */
  rank: (input: Parameters<typeof rankPrograms>[0]) => Promise.resolve(rankPrograms(input)),
  /** A form rendered to its file (XLSX, DOCX, PDF). */
  render: async (input: { doc: FormDocument; format: Format }) => {
    const r = await renderForm(input.doc, input.format);
    return { ...r, buffer: new Uint8Array(r.buffer.buffer, r.buffer.byteOffset, r.buffer.byteLength) };
  },
};

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export type TaskInput<K extends TaskName> = Parameters<Tasks[K]>[0];
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<Tasks[K]>>;

export interface Job {
  id: number;
  task: TaskName;
  input: unknown;
}

export type Reply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string; name: string };
