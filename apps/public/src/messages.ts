import { portalMessages } from "./portal/messages";

export const messages = {
  vi: {
    title: "Cổng thông tin Nông thôn mới",
    portal: portalMessages.vi,
  },
  en: {
    title: "New Rural Development portal",
    portal: portalMessages.en,
  },
};
