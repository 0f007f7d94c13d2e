export const messages = {
  vi: {
    title: "Cổng thông tin Nông thôn mới",
    heading: "Tiến độ xây dựng nông thôn mới",
    intro: "Danh sách huyện và xã đang được theo dõi. Chọn một xã để xem chi tiết.",
    searchLabel: "Tìm xã theo tên (gõ có dấu hoặc không dấu)",
    communeCount: "{{count}} xã",
    villageCount: "{{count}} thôn, bản",
    villagesHeading: "Các thôn, bản",
    back: "← Danh sách huyện, xã",
  },
  en: {
    title: "New Rural Development portal",
    heading: "Progress of New Rural Development",
    intro: "Districts and communes being followed. Choose a commune for its details.",
    searchLabel: "Find a commune by name (with or without tone marks)",
    communeCount: "{{count}} communes",
    villageCount: "{{count}} villages",
    villagesHeading: "Villages",
    back: "← Districts and communes",
  },
};
