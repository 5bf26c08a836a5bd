// Accessibility fixes to the markup of Dash's own components, applied in the browser.
//
// dcc.Dropdown (Dash 4.4) renders, before its button, an <input class="dash-dropdown-focus-target"
// readonly aria-hidden="true" tabindex="0"> that takes the keyboard focus in place of the button
// (tabindex="-1") and hands it over. A focusable element hidden from assistive technologies
// fails WCAG 4.1.2 (axe: aria-hidden-focus), and shift+Tab lands on it. The button also takes
// its accessible name from the selected value only (aria-labelledby), so a screen reader says
// "Taux de pauvreté, bouton" without saying which setting it is.
//
// The fix, on every dropdown as it appears: the stand-in input becomes inert (neither
// focusable nor exposed), the button itself joins the tab order, and its name starts with its
// visible <label for=…>. React leaves these attributes alone afterwards: the props it would
// compare them with never change. The dropdown's own keyboard handling (Enter or ↓ opens,
// arrows move, Escape closes and gives the focus back to the button) is unchanged.
(function () {
    "use strict";

    // Its open menu is a role="listbox" without a name, whose role="option" rows each hold a
    // native checkbox or radio, which takes the focus (axe: aria-input-field-name,
    // nested-interactive: an option may not contain a control). The native controls already
    // say everything (name from their <label>, checked or not): the menu becomes a named
    // group of them, without the listbox and option roles (nor aria-selected, which React
    // writes again when the selection changes: dom_watch.js reports those changes too).
    function fixMenu(list) {
        list.setAttribute("role", "group");
        list.querySelectorAll('[role="option"], [aria-selected]').forEach(function (row) {
            row.removeAttribute("role");
            row.removeAttribute("aria-selected");
        });
        if (list.hasAttribute("aria-labelledby")) {
            return;
        }
        var wrapper = list.closest(".dash-dropdown-wrapper");
        var button = wrapper && wrapper.querySelector("button.dash-dropdown");
        var label = button && labelOf(button);
        if (label) {
            list.setAttribute("aria-labelledby", label.id);
        }
    }

    function labelOf(button) {
        var label = button.id && document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
        if (label && !label.id) {
            label.id = button.id + "--label";
        }
        return label;
    }

    function fixDropdown(stand_in) {
        var button = stand_in.nextElementSibling;
        stand_in.setAttribute("inert", "");
        stand_in.tabIndex = -1;
        if (!button || button.tagName !== "BUTTON") {
            return;
        }
        if (!button.disabled) {
            button.tabIndex = 0;
        }
        button.setAttribute("aria-haspopup", "dialog"); // a search box and a group of choices
        var label = labelOf(button);
        if (label) {
            var names = (button.getAttribute("aria-labelledby") || "").split(" ");
            if (names.indexOf(label.id) === -1) {
                button.setAttribute("aria-labelledby", [label.id].concat(names).join(" ").trim());
            }
        }
    }

    // dcc.Upload: its file <input> (hidden, opened by the drop zone) has no label; it is
    // named by the drop zone's own visible text (« Charger un diaporama (JSON)… »).
    function nameFileInput(input) {
        var zone = input.parentElement;
        var text = zone && zone.textContent.trim();
        if (text) {
            input.setAttribute("aria-label", text);
        }
    }

    function fixAll() {
        document.querySelectorAll(".dash-dropdown-focus-target:not([inert])").forEach(fixDropdown);
        document.querySelectorAll(".dash-dropdown-options").forEach(fixMenu);
        document.querySelectorAll('input[type="file"]:not([aria-label])').forEach(nameFileInput);
    }

    (window.cartocoordWatchers = window.cartocoordWatchers || []).push(fixAll);
})();

// Disclosure buttons of narrow screens: the « Menu » of the pages, the « Filtres » drawer and
// the « Légende » over the map. A button with data-cc-open="X" shows its panel (aria-controls)
// by setting class X on <html>; data-cc-collapse="X" hides it the same way; data-cc-close="X"
// only closes. The class lives on <html>, outside React, so no re-render undoes it; CSS uses
// it under the narrow-screen breakpoint only. Escape closes an open panel and gives the focus
// back to its button; opening the drawer moves the focus into it; the drawer closes when the
// focus leaves it, and the menu when a page is chosen.
(function () {
    "use strict";
    var root = document.documentElement;

    function opener(className) {
        return document.querySelector('[data-cc-open="' + className + '"]');
    }

    function setOpen(className, open, focusBack) {
        var button = opener(className);
        root.classList.toggle(className, open);
        if (button) {
            button.setAttribute("aria-expanded", String(open));
            if (!open && focusBack) {
                button.focus();
            }
        }
        if (open && button) {
            var panel = document.getElementById(button.getAttribute("aria-controls"));
            var first = panel && panel.querySelector(
                "button:not([disabled]), [href], input:not([disabled]), select, textarea");
            if (first && className === "cc-drawer-open") {
                first.focus();
            }
        }
    }

    document.addEventListener("click", function (event) {
        var target = event.target.closest && event.target.closest(
            "[data-cc-open], [data-cc-collapse], [data-cc-close], .cc-nav__link");
        if (!target) {
            return;
        }
        if (target.classList.contains("cc-nav__link")) {
            setOpen("cc-nav-open", false, false);
        } else if (target.dataset.ccOpen) {
            setOpen(target.dataset.ccOpen, !root.classList.contains(target.dataset.ccOpen), true);
        } else if (target.dataset.ccClose) {
            setOpen(target.dataset.ccClose, false, true);
        } else {
            var collapsed = root.classList.toggle(target.dataset.ccCollapse);
            target.setAttribute("aria-expanded", String(!collapsed));
        }
    });

    document.addEventListener("keydown", function (event) {
        // An open dropdown menu takes its own Escape: only the menu closes.
        if (event.key !== "Escape" || (event.target.closest
                && event.target.closest(".dash-dropdown-content, .dash-dropdown-wrapper"))) {
            return;
        }
        ["cc-drawer-open", "cc-nav-open"].forEach(function (className) {
            if (root.classList.contains(className)) {
                setOpen(className, false, true);
            }
        });
    });

    document.addEventListener("focusout", function (event) {
        var drawer = event.target.closest && event.target.closest(".cc-sidebar");
        var next = event.relatedTarget;
        if (drawer && next && !drawer.contains(next) && root.classList.contains("cc-drawer-open")
                && !next.closest(".dash-dropdown-content")) {
            setOpen("cc-drawer-open", false, false);
        }
    });
})();

// The fiche d'identité gives the focus back when it closes. Bootstrap's Offcanvas returns
// it to the element focused before it opened, but the panels' callback re-renders that
// « Voir la fiche » button while the fiche is open, so the focus would fall on <body> and
// Tab would start again from the top of the page. The new button has the same id (the
// same structure): the focus goes to it.
(function () {
    "use strict";
    var FICHE = "fiche";
    var openerId = null;

    document.addEventListener("focusin", function (event) {
        var fiche = document.getElementById(FICHE);
        var previous = event.relatedTarget;
        if (fiche && fiche.contains(event.target) && previous && !fiche.contains(previous)) {
            openerId = previous.id || null;
        }
    });

    (window.cartocoordWatchers = window.cartocoordWatchers || []).push(function () {
        var fiche = document.getElementById(FICHE);
        if (!openerId || (fiche && fiche.classList.contains("show"))) {
            return;
        }
        var active = document.activeElement;
        var opener = document.getElementById(openerId);
        openerId = null;  // closed: whether the focus was lost or went elsewhere
        if (opener && (active === document.body || (fiche && fiche.contains(active)))) {
            opener.focus();
        }
    });
})();

// Clientside callbacks of the accessibility features (no server round trip).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cartocoordA11y: {
        // « Voir les données de la carte »: an odd number of clicks shows the table. Its
        // opening asks the panels' callback to fill it; closing it asks nothing.
        mapTable: function (clicks) {
            var shown = Boolean(clicks) && clicks % 2 === 1;
            return [!shown, String(shown), shown ? clicks : window.dash_clientside.no_update];
        },
    },
});
