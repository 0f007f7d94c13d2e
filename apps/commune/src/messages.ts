import { entryMessages } from "./entry/messages";

export const messages = {
  vi: {
    title: "Cán bộ xã",
    startHeading: "Chọn đơn vị bạn phụ trách",
    belongsTo: "Thuộc",
    villagesHeading: "Các thôn, bản trong xã",
    villageCount: "{{count}} thôn, bản",
    ...entryMessages.vi,
  },
  en: {
    title: "Commune officer",
    startHeading: "Choose a unit you are responsible for",
    belongsTo: "In",
    villagesHeading: "Villages of the commune",
    villageCount: "{{count}} villages",
    ...entryMessages.en,
  },
};
