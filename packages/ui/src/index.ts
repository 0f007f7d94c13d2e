export {
  apiErrorCode,
  isRefusal,
  loadFailureMessage,
  placeServerErrors,
  readApiProblem,
} from "./api-error";
export { CHANGE_PASSWORD_PATH, ChangePasswordPage } from "./change-password";
export { DataTable } from "./data-table";
export { ExportButton } from "./export-button";
export {
  ErrorSummary,
  FormField,
  type FormProblem,
  fieldAria,
  PasswordField,
  TextField,
  useFocusOnFailure,
} from "./form-fields";
export { initI18n, LANGUAGES, type Language, sharedResources } from "./i18n";
export { keyPaths } from "./i18n-keys";
export { AppShell, LanguageSwitch, NotFoundPage, QueryState } from "./layout";
export { RequireSignIn, STAFF_APP_PATHS } from "./require-sign-in";
export { ReportView } from "./review-report-view";
export { SessionProvider, useSession, type Viewer } from "./session";
export { SessionExpiredDialog, SignInForm, SignInPage } from "./sign-in";
export {
  type CellValue,
  type ColumnKind,
  compareCells,
  type ExportTable,
  formatCell,
  type SheetSpec,
  type TableColumn,
  tablesToSheets,
  tableToSheet,
} from "./table-columns";
export { ApiProvider, useTRPC } from "./trpc";
export { UserMenu } from "./user-menu";
export { exportToXlsx, toWriteExcelRows } from "./xlsx";
