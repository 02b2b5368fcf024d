// MathJax's accessibility extensions, inlined by Sphinx before MathJax loads
// (mathjax_config_path in conf.py).
//
// Assistive MathML: hidden MathML beside every formula, which screen readers
// read. Always on; it needs nothing beyond MathJax itself.
//
// The explorer: speaks a formula and lets the reader walk through it with the
// arrow keys once it has the focus. Its speech rules (MathJax's copy of the
// Speech Rule Engine) are JSON files the page fetches, which a browser refuses
// for a page opened as a file; MathJax would then wait for them forever and
// typeset nothing. So it is on when the site is served (python3 -m http.server
// -d _site); a page opened as a file keeps the assistive MathML only.
// Added to the configuration myst-nb writes before this (which classes to typeset).
window.MathJax = window.MathJax || {};
window.MathJax.options = window.MathJax.options || {};
window.MathJax.options.enableAssistiveMml = true;
if (window.location.protocol !== "file:") {
  window.MathJax.loader = {load: ["a11y/explorer"]};
  window.MathJax.options.enableExplorer = true;
  window.MathJax.options.a11y = {speech: true, braille: false};
}
