// Clientside callbacks of the heterogeneity page (no server round trip).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cartocoordPair: {
        // Pan and zoom the three maps of a pair together: copy the "geo.*" changes of the
        // map the user moved to the two others. Applying them makes those maps report the
        // same change; it is recognised (same update as the last one applied) and ignored.
        syncMaps: function () {
            var noUpdate = window.dash_clientside.no_update;
            var ids = ["pair-map-a", "pair-map-b", "pair-map-overlay"];
            var triggered = window.dash_clientside.callback_context.triggered || [];
            if (!triggered.length || !window.Plotly) {
                return noUpdate;
            }
            var source = triggered[0].prop_id.split(".")[0];
            var change = triggered[0].value || {};
            var update = {};
            Object.keys(change).forEach(function (key) {
                if (key.indexOf("geo") === 0) {
                    update[key] = change[key];
                }
            });
            var text = JSON.stringify(update);
            if (text === "{}" || text === window.cartocoordPairLastSync) {
                return noUpdate;
            }
            window.cartocoordPairLastSync = text;
            ids.forEach(function (id) {
                var holder = document.getElementById(id);
                var graph = holder && holder.querySelector(".js-plotly-plot");
                if (id !== source && graph && graph._fullLayout) {
                    window.Plotly.relayout(graph, update);
                }
            });
            return text;
        },
        // After a click in the nesting matrix, bring the pair section into view.
        scrollToPair: function (clicks) {
            if (!clicks || !clicks.some(Boolean)) {
                return window.dash_clientside.no_update;
            }
            // The section shows its maps once the server has answered: wait for them.
            var started = Date.now();
            var timer = window.setInterval(function () {
                var body = document.getElementById("pair-body");
                var shown = body && body.style.display !== "none" &&
                    body.querySelector(".js-plotly-plot .geo");
                if (shown || Date.now() - started > 5000) {
                    window.clearInterval(timer);
                    // Scroll the page's own container only (the header stays in place).
                    var section = document.getElementById("pair-section");
                    var page = section && section.closest(".cc-analysis-page");
                    if (page) {
                        var top = section.getBoundingClientRect().top -
                            page.getBoundingClientRect().top + page.scrollTop;
                        page.scrollTo({top: top - 8, behavior: "smooth"});
                    }
                }
            }, 100);
            return Date.now();
        },
    },
});
