// One observer of the page for the scripts that mend what Dash components render.
//
// A script adds a function to window.cartocoordWatchers; each is called once when this file
// loads and then once per animation frame in which the page changed (Dash renders pages,
// dropdowns, graphs at any time), nodes added or an aria-selected written. Files of assets/
// load in name order: the list may be filled before or after this file runs.
(function () {
    "use strict";
    var watchers = (window.cartocoordWatchers = window.cartocoordWatchers || []);
    var pending = false;

    function runAll() {
        pending = false;
        watchers.forEach(function (watcher) {
            watcher();
        });
    }

    new MutationObserver(function () {
        if (!pending) {
            pending = true;
            window.requestAnimationFrame(runAll);
        }
    }).observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                           attributeFilter: ["aria-selected"]});
    runAll();
})();
