import { type ReportState, reportEntryBlock } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";

/** Why values and evidence cannot go into a report now, for the people entering them. */
export const ENTRY_BLOCKED_MESSAGES: Record<
  NonNullable<ReturnType<typeof reportEntryBlock>>,
  string
> = {
  locked: "Kỳ báo cáo đã được chấp nhận và khóa; cần mở lại trước khi sửa.",
  under_review:
    "Báo cáo đã gửi và đang chờ thẩm định; không nhập thêm hay sửa được cho đến khi có kết quả thẩm định.",
};

/** Throws PRECONDITION_FAILED unless the (locked) report still takes values. */
export function requireOpenForEntry(report: ReportState): void {
  const block = reportEntryBlock(report);
  if (block)
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: ENTRY_BLOCKED_MESSAGES[block] });
}
