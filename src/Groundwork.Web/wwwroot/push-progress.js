// Unsynced Records: keeps a running push's progress panel live. Loaded as a file (never inline) so the strict
// Content-Security-Policy allows it. Asks GET /api/v1/quickbooks/push/{runId} once a second until the run is finished
// or cancelled, then reloads the list so pushed documents leave it. Without script the page shows the same on reload.
"use strict";
(() => {
    const panel = document.getElementById("push-progress");
    if (!panel || panel.dataset.state !== "running") return;
    const url = panel.dataset.statusUrl;
    const labels = { running: "Running", finished: "Finished", cancelled: "Cancelled" };
    const text = (id, value) => {
        const element = document.getElementById(id);
        if (element) element.textContent = String(value);
    };

    const show = (run) => {
        const processed = run.done + run.failed;
        const percent = run.total === 0 ? 100 : Math.floor((100 * processed) / run.total);
        text("push-done", run.done);
        text("push-failed", run.failed);
        text("push-remaining", run.remaining);
        text("push-total", run.total);
        text("push-percent", percent + "%");
        text("push-rate", run.perMinute == null ? "—" : run.perMinute + " per minute");
        text("push-state", labels[run.state] || run.state);
        const bar = document.getElementById("push-bar");
        if (bar) {
            bar.max = Math.max(run.total, 1);
            bar.value = run.total === 0 ? 1 : processed;
        }
        panel.dataset.state = run.state;
    };

    // Only the list and the counts are replaced: the panel keeps its final numbers, and a half-typed search is kept.
    const reloadList = async () => {
        const response = await fetch(window.location.href, { credentials: "same-origin" });
        if (!response.ok) return;
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
        for (const id of ["unsynced-list", "unsynced-count", "nav-unsynced-count", "push-all"]) {
            const now = document.getElementById(id);
            const next = fresh.getElementById(id);
            if (now && next) now.replaceWith(next);
            else if (now && !next) now.remove();
        }
    };

    const poll = async () => {
        try {
            const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
            // Signed out or the run is gone: asking again would not change the answer.
            if (!response.ok && response.status < 500) return;
            if (response.ok) {
                const run = await response.json();
                show(run);
                if (run.state !== "running") {
                    document.getElementById("push-cancel-form")?.remove();
                    await reloadList();
                    return;
                }
            }
        } catch {
            // A dropped request (the app restarting, the network) is asked again on the next tick.
        }
        window.setTimeout(poll, 1000);
    };
    window.setTimeout(poll, 1000);
})();
