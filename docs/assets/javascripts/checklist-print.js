/* Before any print (the checklist's print buttons or Ctrl+P), mark what print.css needs in
 * place of :has(), which Chromium before 105 (the 360 and 奇安信 kernels) does not know:
 * notes left empty, and the elements around the checklist that prints alone. */
(function () {
  "use strict";

  var PATH = "checklist--print-path";

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  window.addEventListener("beforeprint", function () {
    all(".checklist__memo").forEach(function (memo) {
      memo.classList.toggle("checklist__memo--empty", !memo.querySelector("input").value);
    });
    all("." + PATH).forEach(function (element) {
      element.classList.remove(PATH);
    });
    // checklist.js marks the checklist its print button belongs to; keep each element around it.
    var target = document.querySelector(".checklist--print-target");
    var content = target && target.closest(".md-content__inner");
    for (var element = target && target.parentElement; element && element !== content; element = element.parentElement) {
      element.classList.add(PATH);
    }
  });
})();
