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
    },
});
