export { registerDocument, searchRegistry, registryDocument } from "./registry.ts";
export {
  controlSettings,
  updateControlSettings,
  setControlDepartmentHead,
  createMeeting,
  meetings,
  createOrder,
  orderStep,
  order,
  orders,
  ordersOfProgram,
} from "./orders.ts";
export { scanControlReminders, type ControlScanResult } from "./reminders.ts";
export { officeReport, seedControlDemo } from "./report.ts";
export {
  registerAppeal,
  appealStep,
  appeal,
  appeals,
  appealActions,
  appealFeedback,
  appealAnswerDraft,
  appealLetter,
  trackAppeal,
  purgeAppeals,
} from "./appeals.ts";
export { disciplineDashboard } from "./discipline.ts";
export {
  registerPortalAppeal,
  trackAppealOnPortal,
  residentAppeals,
  appealTopicChoices,
  APPEAL_CONSENT_TEXT,
  PORTAL_APPEAL_LIMITS,
  type PortalAppealResult,
} from "./portal-appeals.ts";
export { answerTemplates, createAnswerTemplate, updateAnswerTemplateUseCase, previewAnswerTemplate } from "./templates.ts";
export { uploadDocumentFile, downloadDocumentFile, downloadOrderFile, appealFiles, uploadAppealFile, downloadAppealFile } from "./files.ts";
