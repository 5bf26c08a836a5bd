// Meeting mode: a presentation remote sends arrow or page keys; step through the views.
document.addEventListener("keydown", function (event) {
    if (!document.querySelector(".cc-page--meeting")) {
        return;
    }
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) {
        return;
    }
    var buttons = {
        ArrowRight: "meeting-next", PageDown: "meeting-next", " ": "meeting-next",
        ArrowLeft: "meeting-previous", PageUp: "meeting-previous",
        Escape: "meeting-exit",
    };
    var id = buttons[event.key];
    var button = id && document.getElementById(id);
    if (button) {
        event.preventDefault();
        button.click();
    }
});

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cartocoordMeeting: {
        // The titles of the prepared views, as list items (text only, never markup).
        listSlides: function (slides) {
            return (slides || []).map(function (slide) {
                return {type: "Li", namespace: "dash_html_components",
                        props: {children: String(slide.title)}};
            });
        }
    }
});
