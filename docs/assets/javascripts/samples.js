/*
 * Sample pages: a checkbox chooses whether printing the page includes the notes. Without JavaScript
 * the page prints the sheets with their notes; the box and its class only ever take the notes away.
 */
document$.subscribe(() => {
  for (const doc of document.querySelectorAll(".sample-doc")) {
    const toolbar = doc.querySelector(".sample-doc__toolbar");
    const withNotes = doc.querySelector(".sample-doc__with-notes");
    if (!toolbar || !withNotes) continue;
    const apply = () => doc.classList.toggle("sample-doc--bare", !withNotes.checked);
    withNotes.addEventListener("change", apply);
    toolbar.hidden = false;
    apply();
  }
});
