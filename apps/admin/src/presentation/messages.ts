/** The presentation view's strings (namespace key `presentation` in the admin app). */
export const presentationMessages = {
  vi: {
    heading: "Trình chiếu kết quả rà soát",
    previous: "Phần trước",
    next: "Phần sau",
    position: "Phần {{current}}/{{total}}",
    keys: "Dùng phím mũi tên trái, phải để chuyển phần.",
    back: "Về bảng tổng hợp",
    more: "và {{count}} mục khác trong bảng tổng hợp",
  },
  en: {
    heading: "Review presentation",
    previous: "Previous section",
    next: "Next section",
    position: "Section {{current}} of {{total}}",
    keys: "Use the left and right arrow keys to move between sections.",
    back: "Back to the dashboard",
    more: "and {{count}} more in the dashboard",
  },
};
