// stylelint 按 .browserslistrc 检查本站样式（docs/assets/stylesheets/*.css）用到的浏览器特性。
// 由 tests/test_browser_support.py 运行。例外只有两种写法，都要写明替代办法或为什么不需要：
// 整项特性列在下面的 ignore 里；只放过某一行的，在那一行前写
// `/* stylelint-disable-next-line plugin/no-unsupported-browser-features -- 理由 */`。
export default {
  // 没写理由的 stylelint-disable 本身就是错误。
  reportDescriptionlessDisables: true,
  plugins: ["stylelint-no-unsupported-browser-features"],
  rules: {
    "plugin/no-unsupported-browser-features": [
      true,
      {
        severity: "error",
        ignore: [
          // doiuse 把网格的 column-gap 和打印的 break-inside 都算作“多栏布局”。本站不用多栏；
          // caniuse 的“部分支持”说的是多栏里的分栏。打印分页用的 break-inside: avoid 各浏览器都认得，
          // 清单在 Chromium 和 Firefox ESR 里各印成一张 A4，有打印测试核对。
          "multicolumn",
          // “部分支持”指按钮、表格用了 display: contents 后读屏软件读不到。本站只在打印时
          // 对清单条目的说明文字用它，纸上不涉及读屏。
          "css-display-contents",
          // “部分支持”指 overflow 的双值写法和 clip；本站只用 hidden、visible 这样的单个关键字，各浏览器都认得。
          "css-overflow",
          // “部分支持”指 text-indent 的 each-line、hanging 关键字；本站只写长度（首行缩进两字、0）。
          "css-text-indent",
        ],
      },
    ],
  },
};
