import { entryMessages } from "./entry/messages";
import { evidenceMessages } from "./evidence/messages";
import { workplaceMessages } from "./home/messages";

export const messages = {
  vi: {
    title: "Cán bộ xã",
    startHeading: "Chọn đơn vị bạn phụ trách",
    belongsTo: "Thuộc",
    villagesHeading: "Các thôn, bản trong xã",
    villageCount: "{{count}} thôn, bản",
    ...entryMessages.vi,
    workplace: workplaceMessages.vi,
    evidence: evidenceMessages.vi,
  },
  en: {
    title: "Commune officer",
    startHeading: "Choose a unit you are responsible for",
    belongsTo: "In",
    villagesHeading: "Villages of the commune",
    villageCount: "{{count}} villages",
    ...entryMessages.en,
    workplace: workplaceMessages.en,
    evidence: evidenceMessages.en,
  },
};
