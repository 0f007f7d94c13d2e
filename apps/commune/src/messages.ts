export const messages = {
  vi: {
    title: "Cán bộ xã",
    pickHeading: "Chọn xã của bạn",
    pickIntro:
      "Chọn xã bạn phụ trách để nhập số liệu và xem kết quả. (Đăng nhập sẽ thay bước này.)",
    searchLabel: "Tìm xã (gõ có dấu hoặc không dấu)",
    choose: "Chọn",
    changeCommune: "Đổi xã",
    districtOf: "Thuộc {{district}}",
    villagesHeading: "Các thôn, bản trong xã",
    villageCount: "{{count}} thôn, bản",
  },
  en: {
    title: "Commune officer",
    pickHeading: "Choose your commune",
    pickIntro: "Choose the commune you report for. (Sign-in will replace this step.)",
    searchLabel: "Find a commune (with or without tone marks)",
    choose: "Choose",
    changeCommune: "Change commune",
    districtOf: "In {{district}}",
    villagesHeading: "Villages of the commune",
    villageCount: "{{count}} villages",
  },
};
