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
        const time = document.createElement("time");
        time.dateTime = entry.created_at;
        time.textContent = new Date(entry.created_at).toLocaleTimeString();
        item.append(time, " " + entry.summary);
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

    window.aegisEveryPage(bind);
    window.addEventListener("pagehide", () => { if (source) source.close(); source = null; });
})();
