export { asciiSlug, cellText, reportFileNames } from "./cells";
export { DOCX_CONTENT_TYPE, renderReviewReportDocx } from "./docx";
export { renderReviewReportXlsx, XLSX_CONTENT_TYPE } from "./xlsx";
