// Keep every plotly graph as large as its box.
//
// dcc.Graph (responsive) resizes a graph when its box changes, but a resize that comes while
// the graph is still drawing (its GeoJSON on the way) is lost: when the legend, the demo
// banner or the narrow-screen toolbar arrive during the first draw, the map keeps its first
// size and spills over the legend and the footer. Here, whenever a graph's box changes and
// after each draw, a graph whose drawn size is not its box's is resized again.
(function () {
    "use strict";
    var MAX_TRIES = 5;
    var CHECK_AFTER_MS = 250;

    function fit(graph) {
        var layout = graph._fullLayout;
        if (!layout || !layout.autosize || !window.Plotly || graph.offsetParent === null) {
            return;
        }
        if (Math.abs(layout.width - graph.clientWidth) <= 1
                && Math.abs(layout.height - graph.clientHeight) <= 1) {
            return;
        }
        var box = graph.clientWidth + "x" + graph.clientHeight;
        if (box !== graph.ccFitBox) {
            graph.ccFitBox = box;
            graph.ccFitTries = 0;
        }
        // A few tries per box size, each checked a moment later: a graph that cannot take
        // its box's size is not resized forever.
        if (graph.ccFitTries < MAX_TRIES) {
            graph.ccFitTries += 1;
            window.Plotly.Plots.resize(graph).catch(function () {}).finally(function () {
                window.setTimeout(function () {
                    fit(graph);
                }, CHECK_AFTER_MS);
            });
        }
    }

    function later(graph) {
        window.requestAnimationFrame(function () {
            fit(graph);
        });
    }

    var resized = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
            later(entry.target);
        });
    });

    function watch() {
        document.querySelectorAll(".js-plotly-plot:not([data-cc-fit])").forEach(function (graph) {
            if (typeof graph.on !== "function") {
                return;
            }
            graph.setAttribute("data-cc-fit", "");
            graph.on("plotly_afterplot", function () {
                later(graph);
            });
            resized.observe(graph);
        });
    }

    (window.cartocoordWatchers = window.cartocoordWatchers || []).push(watch);
})();
