// Clientside callbacks of Cartocoord (no server round trip for pure browser actions).

// The map's projection (scale, rotation, translation, centre), to tell a zoom or a pan
// from a click: plotly reports a click on the map as a relayout of the same projection.
function cartocoordProjection(graph) {
    var geo = graph && graph._fullLayout && graph._fullLayout.geo;
    var projection = geo && geo._subplot && geo._subplot.projection;
    if (!projection) {
        return null;
    }
    // The live d3 projection: the layout holds no scale until the first gesture.
    return [projection.scale()].concat(projection.rotate(), projection.translate(),
                                       projection.center ? projection.center() : []);
}

// Whether two projections are the same view: plotly rounds the rotation it reports to
// 1e-5 degree, a pan or a zoom moves far more.
function cartocoordSameView(before, after) {
    return Boolean(before && after) && before.length === after.length
        && before.every(function (value, index) {
            return Math.abs(value - after[index]) <= 1e-4 * Math.max(1, Math.abs(value));
        });
}

// Before any gesture on the map, note its projection (capture phase: before plotly's own
// handlers move it), so that mapView can ignore the relayout of a click.
["mousedown", "touchstart", "wheel"].forEach(function (type) {
    document.addEventListener(type, function (event) {
        var graph = event.target.closest && event.target.closest("#map .js-plotly-plot");
        if (graph) {
            graph._cartocoordBefore = cartocoordProjection(graph);
        }
    }, {capture: true, passive: true});
});

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
        // pixels, so that the server can place the territories' names that now fit. Nothing
        // after a click, whose relayout leaves the projection as it was (no request).
        mapView: function (relayout) {
            var moved = relayout && Object.keys(relayout).some(function (key) {
                return key.indexOf("geo.projection.scale") === 0 || key.indexOf("geo.center") === 0;
            });
            var graph = document.querySelector("#map .js-plotly-plot");
            var geo = graph && graph._fullLayout && graph._fullLayout.geo;
            if (!moved || !geo || !geo._subplot
                    || cartocoordSameView(graph._cartocoordBefore, cartocoordProjection(graph))) {
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
