/**
 * The approval workflow of decree 220-п and the versions of programs: start a draft (a new
 * program, an amendment from the last approved version, a direction's order), take its steps with
 * conclusions, the reviewers' queues with their deadlines, approval with an immutable snapshot,
 * diffs between any two versions, the explanatory note (generated, edited, exported), and the
 * rules of change of an approved program on every write of its rows.
 *
 * A draft's content is the program's live rows: editing the program edits its draft (and only a
 * draft with its preparer, content.ts). The version in force is the snapshot of the last approved
 * version; a draft is compared with it, and withdrawing an amendment restores the rows from it.
 *
 * One module per use case or small group; `shared.ts` holds the private helpers they share,
 * `views.ts` the views they answer.
 */
export type { WorkflowStage } from "./views.ts";
export { programVersions, getProgramVersion } from "./versions.ts";
export { startProgramDraft, startDirectionOrder, registerVersionInForce } from "./drafts.ts";
export { takeWorkflowStep } from "./steps.ts";
export { getWorkflow, workflowQueue, programWorkflows } from "./queues.ts";
export { diffProgramVersions } from "./diff.ts";
export { versionNote, saveVersionNote, exportVersionNote } from "./note.ts";
export { draftAttachments, addDraftAttachment, removeDraftAttachment, downloadDraftAttachment } from "./attachments.ts";
