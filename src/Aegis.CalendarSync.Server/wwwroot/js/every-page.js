// window.aegisEveryPage(fn): runs fn once the document is ready and again after every Blazor enhanced navigation
// (which swaps the page without a load event). Blazor's addEventListener exists only once blazor.web.js has started,
// which may be after the caller ran, so the hook is retried on window load. Loaded before the scripts that use it.
(() => {
    "use strict";
    window.aegisEveryPage = fn => {
        let hooked = false;
        const hook = () => {
            if (hooked || typeof window.Blazor?.addEventListener !== "function") return;
            window.Blazor.addEventListener("enhancedload", fn);
            hooked = true;
        };
        const start = () => { hook(); fn(); };
        if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
        else start();
        window.addEventListener("load", hook);
    };
})();
