// Copy buttons: <button data-copy-target="input-id"> copies that input's value to the clipboard and says so.
// One delegated listener, so it keeps working after Blazor enhanced navigation swaps the page content.
(() => {
    "use strict";
    document.addEventListener("click", async (event) => {
        const button = event.target.closest("[data-copy-target]");
        if (!button) return;
        const input = document.getElementById(button.dataset.copyTarget);
        if (!input) return;
        input.select();
        try {
            await navigator.clipboard.writeText(input.value);
            button.textContent = "Copied";
        } catch {
            // No clipboard access (e.g. an insecure origin): the text stays selected for Ctrl+C.
            button.textContent = "Press Ctrl+C to copy";
        }
    });
})();
