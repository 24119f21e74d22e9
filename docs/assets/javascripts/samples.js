/*
 * Sample pages: a checkbox chooses whether printing the page includes the notes. Without JavaScript
 * the page prints the sheets with their notes; the box and its class only ever take the notes away.
 */
document$.subscribe(() => {
  // The body stays across instant navigation: mark it for this page only. The print rules in
  // samples.css read these classes, since older kernels have no :has().
  const body = document.body;
  body.classList.toggle("sample-page", Boolean(document.querySelector(".sample-doc")));
  body.classList.remove("sample-page--bare");
  for (const doc of document.querySelectorAll(".sample-doc")) {
    const toolbar = doc.querySelector(".sample-doc__toolbar");
    const withNotes = doc.querySelector(".sample-doc__with-notes");
    if (!toolbar || !withNotes) continue;
    const apply = () => {
      doc.classList.toggle("sample-doc--bare", !withNotes.checked);
      body.classList.toggle("sample-page--bare", !withNotes.checked);
    };
    withNotes.addEventListener("change", apply);
    toolbar.hidden = false;
    apply();
  }
});
