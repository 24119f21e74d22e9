/* Zensical 0.0.73's search dialog speaks English whatever the site's language: its words are fixed
 * in Zensical's bundle, not taken from the theme's translations. Put them in Chinese, in Material's
 * wording for the same things. This reads Zensical's own markup (the dialog in an open shadow root),
 * an internal of the pinned version: tests/test_zensical.py opens the dialog and checks each word.
 * Loaded by the Zensical build only (mkdocs.zensical.yml). */
(function () {
  "use strict";

  var TEXTS = {
    "No results": "没有找到符合条件的结果",
    Filters: "筛选",
    Tags: "标签",
    "Loading search\u2026": "正在加载搜索……",
    "Search is unavailable. Reload the page to try again.": "搜索暂不可用，请刷新页面重试。",
    "Use Up and Down arrow keys to move between tags. Press Space or Enter to toggle a tag.":
      "用上、下方向键在标签间移动，按空格键或回车键选中或取消标签。"
  };
  var LABELS = { Search: "搜索", "Close search": "关闭搜索", Filters: "筛选", "Search results": "搜索结果" };
  var ATTRIBUTES = ["aria-label", "placeholder"];
  var COUNT = /^([\d,]+) results?$/;

  function chinese(text) {
    var count = COUNT.exec(text);
    return count ? "找到 " + count[1] + " 个符合条件的结果" : TEXTS[text];
  }

  function translateText(node) {
    var text = chinese(node.data.trim());
    if (text) node.data = text;
  }

  function translateAttributes(element) {
    ATTRIBUTES.forEach(function (name) {
      var label = LABELS[element.getAttribute(name)];
      if (label) element.setAttribute(name, label);
    });
  }

  function translateTree(node) {
    if (node.nodeType === Node.TEXT_NODE) return translateText(node);
    if (node.nodeType === Node.ELEMENT_NODE) translateAttributes(node);
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.nodeType === Node.TEXT_NODE) translateText(walker.currentNode);
      else translateAttributes(walker.currentNode);
    }
  }

  // The dialog re-renders as results come: translate whatever it writes, as it writes it.
  function watch(root) {
    translateTree(root);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        if (mutation.type === "characterData") translateText(mutation.target);
        else if (mutation.type === "attributes") translateAttributes(mutation.target);
        else Array.prototype.forEach.call(mutation.addedNodes, translateTree);
      });
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  }

  var watched = [];
  function watchNewHosts() {
    Array.prototype.forEach.call(document.body.children, function (element) {
      if (element.shadowRoot && watched.indexOf(element) < 0) {
        watched.push(element);
        watch(element.shadowRoot);
      }
    });
  }

  watchNewHosts();
  new MutationObserver(watchNewHosts).observe(document.body, { childList: true });
})();
