// On a page whose first view is a map, start plotly.js as soon as the layout is drawn.
//
// dcc.Graph loads plotly.js itself, but only once it mounts: after the state callback has
// put the map in its frame; and dash-renderer holds the map's callback until plotly.js
// has loaded and run (a quarter of a second here), so the figure was asked for only then.
// Started here, plotly.js loads and runs while the state callback is answered, and the
// map's figure is asked for as soon as the map mounts. Not sooner: run before the layout
// is asked for, it would delay everything else.
// dcc.Graph takes window.Plotly as it finds it: until the script has run, a promise,
// which it waits for (the script then sets window.Plotly itself). The server names the
// pages in a meta tag (dashboard.layouts.pages.MAP_PATHS), and the URL of plotly.js with
// its version in another (dashboard.server.plotly_bundle): kept by the browser, it is
// not asked for again on a later visit.
(function () {
    "use strict";
    var meta = document.querySelector('meta[name="cartocoord-map-pages"]');
    var bundle = document.querySelector('meta[name="cartocoord-plotly"]');
    var config = document.getElementById("_dash-config");
    if (window.Plotly || !meta || !bundle || !config) {
        return;
    }
    var settings = JSON.parse(config.textContent);
    var prefix = settings.requests_pathname_prefix || "/";
    var path = window.location.pathname;
    if (!settings.serve_locally || path.indexOf(prefix) !== 0
            || meta.content.split(" ").indexOf("/" + path.slice(prefix.length)) < 0) {
        return;
    }
    var watchers = (window.cartocoordWatchers = window.cartocoordWatchers || []);
    var started = false;
    watchers.push(function () {
        if (!started && !window.Plotly && document.getElementById("page-root")) {
            started = true;
            load(bundle.content);
        }
    });

    function load(url) {
        window.Plotly = new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = url;
            script.async = true;
            script.onload = function () {
                resolve(window.Plotly);
            };
            script.onerror = function (error) {
                delete window.Plotly;  // dcc.Graph then tries again itself
                reject(error);
            };
            document.head.appendChild(script);
        });
    }
})();
