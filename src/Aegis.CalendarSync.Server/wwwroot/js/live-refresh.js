// Live page sections: an element with [data-live-refresh] is re-read from the server whenever the sync stream
// (GET /api/sync/stream, the one behind the live activity feed) reports progress, so a push to Google or a change
// made in Google shows without a reload. The page is fetched as HTML and only children whose [data-live-key]
// content changed are swapped (focus elsewhere on the page is kept); a section whose rows were added or removed is
// replaced whole. No framework; re-binds after Blazor enhanced navigation.
(() => {
    "use strict";
    let source = null;
    let pending = null;
    let running = false;

    function sameKeys(current, fresh) {
        const keys = root => [...root.querySelectorAll("[data-live-key]")].map(e => e.dataset.liveKey).join(",");
        return keys(current) === keys(fresh);
    }

    function apply(current, fresh) {
        if (!sameKeys(current, fresh) || current.querySelectorAll("[data-live-key]").length === 0) {
            if (current.innerHTML !== fresh.innerHTML) current.innerHTML = fresh.innerHTML;
            return;
        }
        const byKey = new Map([...fresh.querySelectorAll("[data-live-key]")].map(e => [e.dataset.liveKey, e]));
        for (const row of current.querySelectorAll("[data-live-key]")) {
            const next = byKey.get(row.dataset.liveKey);
            if (next && row.innerHTML !== next.innerHTML) row.replaceWith(document.importNode(next, true));
        }
    }

    async function refresh() {
        if (running) { pending = pending || setTimeout(refresh, 200); return; }
        pending = null;
        running = true;
        try {
            const url = location.href;
            const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin", cache: "no-store" });
            if (!response.ok || url !== location.href) return;
            const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
            const sections = document.querySelectorAll("[data-live-refresh]");
            const replacements = fresh.querySelectorAll("[data-live-refresh]");
            sections.forEach((section, i) => { if (replacements[i]) apply(section, replacements[i]); });
            document.dispatchEvent(new CustomEvent("aegis:live-refreshed"));
        } catch {
            // A failed read is retried on the next progress event.
        } finally {
            running = false;
        }
    }

    function schedule() {
        if (!pending) pending = setTimeout(refresh, 150);
    }

    function bind() {
        if (source) source.close();
        source = null;
        const root = document.querySelector("[data-live-refresh]");
        if (!root || typeof EventSource === "undefined") return;
        const stream = new EventSource(root.dataset.streamUrl);
        source = stream;
        root.dataset.liveState = "connecting";
        stream.onopen = () => { root.dataset.liveState = "live"; };
        stream.onerror = () => { root.dataset.liveState = stream.readyState === EventSource.CLOSED ? "offline" : "reconnecting"; };
        // The snapshot can be newer than the page (a change between render and connect), so it refreshes too.
        stream.addEventListener("snapshot", () => { root.dataset.liveState = "live"; schedule(); });
        stream.addEventListener("progress", schedule);
    }

    window.aegisEveryPage(bind);
    window.addEventListener("pagehide", () => { if (source) source.close(); source = null; });
})();
