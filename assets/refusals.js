// Every refusal is a French sentence in the page, never a silence nor an English page.
//
// 1. Upload zone of the Données page: a file too large, empty, or of a type the
//    picker does not offer is refused by the upload component without a word. It is
//    caught here first (capture phase, before React sees it) and the reason is shown
//    under the zone, in the server's own words (data- attributes of .cc-upload-zone).
// 2. The page's requests (callbacks): a 400, 403, 413 or 429 answer carries a French
//    sentence (dashboard/server/limits.py); it is shown in a banner.
// 3. Export links: fetched here, so that a refusal (429: too many exports, 503, 504…)
//    is shown in the banner instead of replacing the page; a file is saved under the
//    name the server gives.
(function () {
    "use strict";

    var SHOWN_STATUSES = [400, 403, 413, 429, 500, 503, 504];
    var BANNER_ID = "cc-refusal-banner";

    function frenchSize(bytes) {
        return (bytes / 1048576).toFixed(1).replace(".", ",") + "\u00a0Mo";
    }

    function banner() {
        var element = document.getElementById(BANNER_ID);
        if (!element) {
            element = document.createElement("div");
            element.id = BANNER_ID;
            element.className = "cc-refusal-banner";
            element.setAttribute("role", "alert");
            var text = document.createElement("p");
            var close = document.createElement("button");
            close.type = "button";
            close.className = "btn-close";
            close.setAttribute("aria-label", "Fermer le message");
            close.addEventListener("click", function () {
                element.hidden = true;
            });
            element.appendChild(text);
            element.appendChild(close);
            document.body.appendChild(element);
        }
        return element;
    }

    function showBanner(message) {
        var element = banner();
        element.querySelector("p").textContent = message;
        element.hidden = false;
    }

    // -- 1. upload zone -----------------------------------------------------------------

    function refusalOf(zone, file) {
        var name = "\u00ab\u00a0" + file.name + "\u00a0\u00bb";
        var dot = file.name.lastIndexOf(".");
        var suffix = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
        var accepted = zone.dataset.accepted.split(",");
        if (accepted.indexOf(suffix) < 0) {
            return zone.dataset.badType.replace("{name}", name)
                .replace("{suffix}", suffix || "(aucune)");
        }
        if (file.size > Number(zone.dataset.maxBytes)) {
            return zone.dataset.tooLarge.replace("{name}", name)
                .replace("{size}", frenchSize(file.size));
        }
        if (file.size === 0) {
            return zone.dataset.empty.replace("{name}", name);
        }
        return null;
    }

    function checkUpload(event) {
        var zone = event.target.closest && event.target.closest(".cc-upload-zone");
        if (!zone) {
            return;
        }
        var files = event.type === "drop" ? event.dataTransfer && event.dataTransfer.files
            : event.target.files;
        var output = zone.querySelector(".cc-upload-refusal");
        if (!files || !files.length) {
            return;
        }
        var message = refusalOf(zone, files[0]);
        output.textContent = message || "";
        if (message) {
            event.preventDefault();
            event.stopPropagation();
            if (event.type === "change") {
                event.target.value = "";
            }
        }
    }

    document.addEventListener("drop", checkUpload, true);
    document.addEventListener("change", checkUpload, true);

    // -- 2. the page's own requests -----------------------------------------------------

    var originalFetch = window.fetch.bind(window);
    window.fetch = function (resource, options) {
        var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
        return originalFetch(resource, options).then(function (response) {
            if (url.indexOf("_dash-update-component") >= 0
                    && SHOWN_STATUSES.indexOf(response.status) >= 0) {
                response.clone().text().then(function (text) {
                    var plain = text.trim();
                    if (plain && plain.charAt(0) !== "<" && plain.length < 400) {
                        showBanner(plain);
                    }
                });
            }
            return response;
        });
    };

    // -- 3. export links ----------------------------------------------------------------

    function fileName(response, href) {
        var header = response.headers.get("Content-Disposition") || "";
        var found = /filename="?([^";]+)"?/.exec(header);
        return found ? found[1] : href.split("?")[0].split("/").pop();
    }

    function refusalText(html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var paragraph = page.querySelector("p");
        return paragraph ? paragraph.textContent.trim() : "";
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[href^='/export/']");
        if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        event.preventDefault();
        link.setAttribute("aria-busy", "true");
        originalFetch(link.getAttribute("href"), {credentials: "same-origin"})
            .then(function (response) {
                if (!response.ok) {
                    return response.text().then(function (html) {
                        showBanner(refusalText(html)
                            || "Export impossible (erreur " + response.status + ").");
                    });
                }
                return response.blob().then(function (blob) {
                    var url = URL.createObjectURL(blob);
                    var save = document.createElement("a");
                    save.href = url;
                    save.download = fileName(response, link.getAttribute("href"));
                    document.body.appendChild(save);
                    save.click();
                    save.remove();
                    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
                });
            })
            .catch(function () {
                showBanner("Export impossible : le serveur ne répond pas. Réessayez.");
            })
            .then(function () {
                link.removeAttribute("aria-busy");
            });
    });
}());
