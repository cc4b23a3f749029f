/**
 * The monitoring and reporting cycle of decree 220-п (section 6): confirming documents of
 * checkpoints, quarterly monitoring and annual reports as submissions, the period lock once the
 * conclusions are in (6.16), the deadlines of a program computed with the municipality's rules
 * and working-day calendar, notifications, and the dashboards.
 *
 * One module per use case or small group; `shared.ts` holds the private helpers they share.
 */
export { type MonitoringSetup, monitoringSetup, localDate } from "./setup.ts";
export {
  uploadCheckpointDocument,
  listDocumentsOfCheckpoint,
  downloadCheckpointDocument,
  removeCheckpointDocument,
} from "./checkpoint-documents.ts";
export { getReport, listReports, listLocks } from "./reports.ts";
export { type TransitionInput, reportTransition } from "./report-transition.ts";
export { programFactsOf, municipalityDeadlineItems, recipientsOf, programDeadlinesOf, deadlineCalendar } from "./deadlines.ts";
export { getSettings, updateSettings } from "./settings.ts";
export { myNotifications, readNotifications, setNotificationEmail } from "./notifications.ts";
export { myTasks, overdueByDepartment, metricsOffPlan, overdueCheckpoints, metricPlanFact, programPlanFact } from "./dashboards.ts";
