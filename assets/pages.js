// Libraries a page needs, loaded in the browser the first time the page shows.
//
// The state callback asks for a page's parts in the "page-request" store (a table's
// button for its grid in "table-request"); this clientside callback loads the scripts of
// the libraries they need (the server gives their fingerprinted URLs in the "libraries"
// store), then passes the request on to the server, which sends the parts. A library is
// loaded once, however many pages use it.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cartocoordPages: {
        loadLibraries: function (request, libraries) {
            var noUpdate = window.dash_clientside.no_update;
            if (!request) {
                return noUpdate;
            }
            var loaded = window.cartocoordLoaded = window.cartocoordLoaded || {};
            var pending = [];
            (request.libraries || []).forEach(function (name) {
                ((libraries || {})[name] || []).forEach(function (url) {
                    if (!loaded[url]) {
                        loaded[url] = new Promise(function (resolve, reject) {
                            var script = document.createElement("script");
                            script.src = url;
                            script.onload = resolve;
                            script.onerror = function () {
                                delete loaded[url];  // a later visit of the page tries again
                                reject(new Error("Cartocoord could not load " + url));
                            };
                            document.head.appendChild(script);
                        });
                    }
                    pending.push(loaded[url]);
                });
            });
            if (!pending.length) {
                return request;
            }
            return Promise.all(pending).then(function () { return request; });
        },
        // Each link of the navigation leads to the current view on its page: its path,
        // the state's query. Only the links that change are written.
        linkHrefs: function (store) {
            var noUpdate = window.dash_clientside.no_update;
            var hrefs = Array.prototype.slice.call(arguments, 1);
            return hrefs.map(function (href) {
                var next = (href || "").split("?")[0] + ((store && store.search) || "");
                return next === href ? noUpdate : next;
            });
        },
        // The tables whose « Afficher le tableau » button was pressed, and the libraries
        // their grids need: a request for loadLibraries. None while no button is pressed
        // (the buttons arriving with their page).
        openTables: function () {
            var buttons = window.dash_clientside.callback_context.inputs_list[0]
                .filter(function (button) { return button.value; });
            if (!buttons.length) {
                return window.dash_clientside.no_update;
            }
            var libraries = [];
            buttons.forEach(function (button) {
                if (libraries.indexOf(button.id.library) < 0) {
                    libraries.push(button.id.library);
                }
            });
            return {
                libraries: libraries,
                tables: buttons.map(function (button) { return button.id.frame; }),
            };
        },
        // An address written in a page (its actions' result): to the URL, which the
        // state callback follows.
        storedAddress: function (address) {
            var noUpdate = window.dash_clientside.no_update;
            return address ? address : [noUpdate, noUpdate];
        },
        // The controls of a page built at its first show take the values the state
        // callback wrote for them in the page's store (by control id): only those.
        storedValues: function (values) {
            var noUpdate = window.dash_clientside.no_update;
            var outputs = window.dash_clientside.callback_context.outputs_list;
            return outputs.map(function (output) {
                return values && Object.prototype.hasOwnProperty.call(values, output.id)
                    ? values[output.id] : noUpdate;
            });
        },
        // A component put in the page later takes the properties kept for it in stores
        // (a grid shown on demand, its rows): when it mounts, and whenever they change.
        storedProps: function () {
            var values = Array.prototype.slice.call(arguments);
            if (values.some(function (value) { return value === null || value === undefined; })) {
                return window.dash_clientside.no_update;
            }
            return values;
        },
    },
});

// A table asked for with its « Afficher le tableau » button: the button says it is
// loading (aria-busy), and once the grid replaces it, the focus the button had goes to
// the table's frame, so that Tab enters the grid instead of starting the page again.
(function () {
    "use strict";
    var asked = {};

    document.addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest(".cc-table-open");
        if (button) {
            button.setAttribute("aria-busy", "true");
            asked[button.closest(".cc-table-card__frame").id] = document.activeElement === button;
        }
    }, true);

    (window.cartocoordWatchers = window.cartocoordWatchers || []).push(function () {
        Object.keys(asked).forEach(function (id) {
            var frame = document.getElementById(id);
            if (frame && frame.querySelector(".ag-root")) {
                var hadFocus = asked[id];
                delete asked[id];
                var active = document.activeElement;
                if (hadFocus && (!active || active === document.body)) {
                    frame.setAttribute("tabindex", "-1");
                    frame.focus({preventScroll: true});
                }
            }
        });
    });
})();
