/*
 * A table wider than the page scrolls sideways inside Material's scroll box.
 * Keyboard users can only scroll it if the box takes focus, so give the box a
 * tab stop and a name, but only when it really overflows.
 */
(function () {
  "use strict";

  function labelScrollingTables() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.scrollWidth <= box.clientWidth) return;
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "表格（可左右滚动）");
    });
  }

  // document$ emits on the first load and after every instant navigation.
  if (window.document$) {
    window.document$.subscribe(labelScrollingTables);
  } else {
    document.addEventListener("DOMContentLoaded", labelScrollingTables);
  }
})();
