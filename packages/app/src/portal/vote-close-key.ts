/** The kind of the job that closes a rating vote at its end (jobs.ts runs it). */
export const VOTE_CLOSE_JOB = "votes.close";
