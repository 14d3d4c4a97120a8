// Live sync progress: keeps the [data-live-progress] section current from GET /api/sync/stream (Server-Sent Events).
// No framework. Re-binds after Blazor enhanced navigation, which swaps the page content without a reload.
(() => {
    "use strict";
    const connectionText = { connected: "connected", disabled: "sync disabled", not_connected: "not connected" };
    let source = null;

    function setText(element, text) {
        if (element && element.textContent !== text) element.textContent = text;
    }

    function renderQueue(root, queue) {
        for (const pill of root.querySelectorAll("[data-queue-status]")) {
            const count = queue[pill.dataset.queueStatus];
            if (count !== undefined) setText(pill.querySelector("[data-count]"), String(count));
        }
    }

    function activityItem(entry) {
        const item = document.createElement("li");
        item.className = entry.status;
        item.dataset.id = String(entry.id);
        if (entry.routine) item.dataset.routine = "true";
        const time = document.createElement("time");
        time.dateTime = entry.created_at;
        time.textContent = new Date(entry.created_at).toLocaleTimeString();
        const what = document.createElement("span");
        what.className = "what";
        what.textContent = entry.summary;
        item.append(time, " ", what);
        return item;
    }

    function render(root, payload, replace) {
        renderQueue(root, payload.queue);
        setText(root.querySelector("[data-live-connection]"), connectionText[payload.connection.state] || payload.connection.state);
        const list = root.querySelector("[data-live-activity]");
        if (replace) list.replaceChildren();
        // Activity arrives newest first; inserting oldest first at the top keeps that order.
        for (const entry of [...payload.activity].reverse()) list.prepend(activityItem(entry));
        const max = Number(root.dataset.maxItems) || 50;
        while (list.children.length > max) list.lastElementChild.remove();
        if (list.children.length > 0) root.querySelector("[data-live-empty]")?.remove();
    }

    function bind() {
        if (source) source.close();
        source = null;
        const root = document.querySelector("[data-live-progress]");
        if (!root || typeof EventSource === "undefined") return;
        const state = root.querySelector("[data-live-state]");
        const stream = new EventSource(root.dataset.streamUrl);
        source = stream;
        setText(state, "connecting");
        stream.onopen = () => setText(state, "live");
        // EventSource retries by itself after a network error; CLOSED means it gave up (e.g. 401 or 429).
        stream.onerror = () => setText(state, stream.readyState === EventSource.CLOSED ? "offline" : "reconnecting");
        stream.addEventListener("snapshot", e => { setText(state, "live"); render(root, JSON.parse(e.data), true); });
        stream.addEventListener("progress", e => { setText(state, "live"); render(root, JSON.parse(e.data), false); });
    }

    // Blazor's addEventListener exists only once blazor.web.js has started, which may be after this script ran.
    let hooked = false;
    function hookEnhancedNavigation() {
        if (hooked || typeof window.Blazor?.addEventListener !== "function") return;
        window.Blazor.addEventListener("enhancedload", bind);
        hooked = true;
    }

    function start() {
        hookEnhancedNavigation();
        bind();
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
    window.addEventListener("load", hookEnhancedNavigation);
    window.addEventListener("pagehide", () => { if (source) source.close(); source = null; });
})();
