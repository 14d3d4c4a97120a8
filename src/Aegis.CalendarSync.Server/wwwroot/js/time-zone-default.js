// A new event's time-zone picker starts at the browser's own zone (Intl), when the list has it; an event being
// edited keeps its stored zone (the server marks only the new-event picker with data-default-from-browser).
(() => {
    "use strict";
    function apply() {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        for (const select of document.querySelectorAll("select[data-default-from-browser]")) {
            if (select.dataset.defaulted || !zone) continue;
            select.dataset.defaulted = "1";
            if ([...select.options].some(o => o.value === zone)) select.value = zone;
        }
    }

    window.aegisEveryPage(apply);
})();
