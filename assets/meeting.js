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
