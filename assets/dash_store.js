// Spare the browser the store actions that change nothing when Dash mounts new components.
//
// dash-renderer 4 dispatches one RESET_COMPONENT_STATE per component it mounts (each wrapper,
// in its first effect), to forget the render counts ("layout hashes") that an earlier
// component at the same place left. Every action makes every mounted component's selector
// run again, so a fiche of 280 components, or the layout's first drawing, cost 280 (or
// 450) passes over the whole page: most of the time a click took in the browser. Only a
// few dozen places of the page have a count at all; for the others the action removes
// nothing and returns the same values. Such an action is left out here, when it is
// dispatched, before the store sees it: the store's state is the same as with it, and the
// actions that do remove counts go through as they came, in their order.
// The renderer lists its store in window.dash_stores when it creates it, after the
// assets have run: the list is made here so that the store is seen as it is listed.
(function () {
    "use strict";
    var RESET = "RESET_COMPONENT_STATE";
    var stores = (window.dash_stores = window.dash_stores || []);
    var push = stores.push;

    function removesNothing(store, action) {
        var path = action.payload && action.payload.itempath;
        var counts = store.getState().layoutHashes;
        if (!Array.isArray(path) || !counts) {
            return false;
        }
        var prefix = path.join(",");  // as the renderer writes a path (stringifyPath)
        return !Object.keys(counts).some(function (key) {
            return key.indexOf(prefix) === 0;  // what the reducer removes
        });
    }

    function spare(store) {
        if (store.cartocoordSpared) {
            return;
        }
        var dispatch = store.dispatch;
        store.dispatch = function (action) {
            if (action && action.type === RESET && removesNothing(store, action)) {
                return action;
            }
            return dispatch.apply(this, arguments);
        };
        store.cartocoordSpared = true;
    }

    stores.forEach(spare);
    stores.push = function () {
        Array.prototype.forEach.call(arguments, spare);
        return push.apply(this, arguments);
    };
})();
