/* The Jupyter widget embedder typesets its labels with the MathJax 2 call
 * MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]); the site loads
 * MathJax 3, which has no Hub. Translate the call so that a page with both
 * maths and widgets raises no error. Loaded (deferred) after MathJax. */
(function () {
  "use strict";
  var mathjax = window.MathJax;
  if (!mathjax || mathjax.Hub) {
    return;
  }
  mathjax.Hub = {
    Queue: function () {
      Array.prototype.forEach.call(arguments, function (job) {
        if (!Array.isArray(job) || job[0] !== "Typeset" || !job[2]) {
          return;
        }
        var ready = mathjax.startup && mathjax.startup.promise
          ? mathjax.startup.promise : Promise.resolve();
        ready.then(function () {
          return mathjax.typesetPromise ? mathjax.typesetPromise([job[2]]) : null;
        }).catch(function (error) {
          console.warn("MathJax could not typeset a widget label:", error);
        });
      });
    },
  };
})();
