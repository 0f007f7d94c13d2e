import { auditMessages } from "./audit/messages";
import { dashboardMessages } from "./dashboard/messages";
import { inboxMessages } from "./inbox/messages";
import { planningMessages } from "./planning/messages";
import { presentationMessages } from "./presentation/messages";
import { recognitionMessages } from "./recognition/messages";
import { reportMessages } from "./report/messages";
import { setsMessages } from "./sets/messages";
import { unitsMessages } from "./units/messages";
import { usersMessages } from "./users/messages";
import { worklistMessages } from "./worklist/messages";

export const messages = {
  vi: {
    title: "Quản trị",
    navUnits: "Đơn vị hành chính",
    heading: "Cây đơn vị hành chính",
    intro: "Toàn bộ đơn vị đang quản lý: tỉnh, huyện, xã và thôn, bản.",
    filterLabel: "Lọc theo tên (không phân biệt dấu)",
    levelCounts: "Số đơn vị theo cấp",
    level: "Cấp",
    count: "Số lượng",
    childCount: "{{count}} đơn vị trực thuộc",
    dashboard: dashboardMessages.vi,
    presentation: presentationMessages.vi,
    inbox: inboxMessages.vi,
    users: usersMessages.vi,
    planning: planningMessages.vi,
    sets: setsMessages.vi,
    worklist: worklistMessages.vi,
    audit: auditMessages.vi,
    report: reportMessages.vi,
    units: unitsMessages.vi,
    recognition: recognitionMessages.vi,
  },
  en: {
    title: "Administration",
    navUnits: "Administrative units",
    heading: "Administrative unit tree",
    intro: "Every unit under management: province, district, commune and village.",
    filterLabel: "Filter by name (tone marks ignored)",
    levelCounts: "Units per level",
    level: "Level",
    count: "Count",
    childCount: "{{count}} units below",
    dashboard: dashboardMessages.en,
    presentation: presentationMessages.en,
    inbox: inboxMessages.en,
    users: usersMessages.en,
    planning: planningMessages.en,
    sets: setsMessages.en,
    worklist: worklistMessages.en,
    audit: auditMessages.en,
    report: reportMessages.en,
    units: unitsMessages.en,
    recognition: recognitionMessages.en,
  },
};
