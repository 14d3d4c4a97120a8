// Live sync progress: keeps the [data-live-progress] section and the page notices ([data-live-notices], on every
// signed-in page) current from GET /api/sync/stream (Server-Sent Events).
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

    function plural(notice, count) {
        return count === 1 ? notice.dataset.one : notice.dataset.many.replace("{n}", String(count));
    }

    function showCount(notice, count) {
        if (!notice) return;
        notice.hidden = count === 0;
        if (count > 0) setText(notice.querySelector("[data-notice-text]"), plural(notice, count));
    }

    function renderNotices(root, notices) {
        if (!root || !notices) return;
        showCount(root.querySelector('[data-notice="conflicts"]'), notices.open_conflicts);
        showCount(root.querySelector('[data-notice="dead-letters"]'), notices.dead_letters);
        const disabled = root.querySelector('[data-notice="disabled"]');
        if (!disabled) return;
        disabled.hidden = !notices.disabled_reason;
        if (!notices.disabled_reason) return;
        setText(disabled.querySelector("[data-notice-text]"), notices.disabled_reason);
        const link = disabled.querySelector("[data-notice-link]");
        link.href = notices.needs_reconnect ? link.dataset.reconnectHref : link.dataset.settingsHref;
        setText(link, notices.needs_reconnect ? "Reconnect" : "Turn sync on");
    }

    function render(root, payload, replace) {
        renderNotices(document.querySelector("[data-live-notices]"), payload.notices);
        if (!root) return;
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
        const notices = document.querySelector("[data-live-notices]");
        if ((!root && !notices) || typeof EventSource === "undefined") return;
        const state = root ? root.querySelector("[data-live-state]") : null;
        const stream = new EventSource(root ? root.dataset.streamUrl : "/api/sync/stream");
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
