// The header's menu button (narrow screens): opens and closes the main navigation. Delegated from the document so it
// keeps working after Blazor's enhanced navigation patches the header (which also closes the menu again, as the
// server renders it closed). Without script the navigation is simply always shown (see layout.css, html.js).
(() => {
    "use strict";
    document.documentElement.classList.add("js");

    function setOpen(header, button, open) {
        header.classList.toggle("menu-open", open);
        button.setAttribute("aria-expanded", String(open));
    }

    document.addEventListener("click", e => {
        const button = e.target.closest("[data-menu-toggle]");
        if (!button) return;
        const header = button.closest("header");
        setOpen(header, button, !header.classList.contains("menu-open"));
    });

    document.addEventListener("keydown", e => {
        if (e.key !== "Escape") return;
        const header = document.querySelector("header.menu-open");
        const button = header?.querySelector("[data-menu-toggle]");
        if (!button) return;
        setOpen(header, button, false);
        button.focus();
    });
})();
