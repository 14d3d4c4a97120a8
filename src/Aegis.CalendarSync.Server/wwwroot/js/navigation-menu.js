// The header's menu button (narrow screens): opens and closes the main navigation. Delegated from the document so it
// keeps working after Blazor's enhanced navigation patches the header; choosing a link or pressing Escape closes it.
// Without script the button is hidden and the navigation always shown.
(() => {
    "use strict";
    // Marks the page as scripted, so the stylesheet folds the navigation; re-applied after enhanced navigation in case
    // the document's attributes were replaced.
    window.aegisEveryPage(() => document.documentElement.classList.add("js"));

    function setOpen(header, button, open) {
        header.classList.toggle("menu-open", open);
        button.setAttribute("aria-expanded", String(open));
    }

    function close() {
        const header = document.querySelector("header.menu-open");
        const button = header?.querySelector("[data-menu-toggle]");
        if (button) setOpen(header, button, false);
        return button;
    }

    document.addEventListener("click", e => {
        const button = e.target.closest("[data-menu-toggle]");
        if (button) {
            const header = button.closest("header");
            setOpen(header, button, !header.classList.contains("menu-open"));
        } else if (e.target.closest(".menu a")) {
            // Enhanced navigation keeps the header element (and its class): a chosen page closes the menu.
            close();
        }
    });

    document.addEventListener("keydown", e => {
        if (e.key === "Escape") close()?.focus();
    });
})();
