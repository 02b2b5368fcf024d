/* Tell require.js where the widget embedder's modules live: in
 * _static/widgets/ beside this file. The embedder finds its icon fonts
 * relative to its modules' addresses; without this they would be looked for
 * beside the page. Loaded after require.js, before embed-amd.js. */
(function () {
  "use strict";
  var here = document.currentScript.src.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": here + "widgets",
      "@jupyter-widgets": here + "widgets",
    },
  });
})();
