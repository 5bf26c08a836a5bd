// Clientside callbacks of Cartocoord (no server round trip for pure browser actions).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cartocoord: {
        // Copy the current address, which holds the whole view, to the clipboard.
        copyLink: function (clicks, doneText) {
            if (!clicks) {
                return window.dash_clientside.no_update;
            }
            var url = window.location.href;
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(url);
            } else {
                var area = document.createElement("textarea");
                area.value = url;
                document.body.appendChild(area);
                area.select();
                document.execCommand("copy");
                document.body.removeChild(area);
            }
            return doneText;
        },
        // What the map shows after a zoom or a pan: its corners in degrees and its size in
        // pixels, so that the server can place the territories' names that now fit.
        mapView: function (relayout) {
            var moved = relayout && Object.keys(relayout).some(function (key) {
                return key.indexOf("geo.projection.scale") === 0 || key.indexOf("geo.center") === 0;
            });
            var graph = document.querySelector("#map .js-plotly-plot");
            var geo = graph && graph._fullLayout && graph._fullLayout.geo;
            if (!moved || !geo || !geo._subplot) {
                return window.dash_clientside.no_update;
            }
            var size = graph._fullLayout._size;
            var width = (geo.domain.x[1] - geo.domain.x[0]) * size.w;
            var height = (geo.domain.y[1] - geo.domain.y[0]) * size.h;
            var corners = [[0, 0], [width, 0], [0, height], [width, height]].map(function (xy) {
                return geo._subplot.projection.invert(xy);
            });
            var lon = corners.map(function (c) { return c[0]; });
            var lat = corners.map(function (c) { return c[1]; });
            return [Math.min.apply(null, lon), Math.min.apply(null, lat),
                    Math.max.apply(null, lon), Math.max.apply(null, lat), width, height];
        },
    },
});
