// Unsynced Records: keeps a running push's progress panel live. Loaded as a file (never inline) so the strict
// Content-Security-Policy allows it. Asks GET /api/v1/quickbooks/push/{runId} once a second until the run is finished
// or cancelled, then reloads the list so pushed documents leave it. Payments follow their documents a moment after the
// run ends (and a document's last state may land just after its run's end), so while the list shows anything queued it
// is reloaded again, briefly (FOLLOW_MS at most): what goes leaves it, what waits says why. Without script the page
// shows the same on reload.
"use strict";
(() => {
    const TICK_MS = 1000;
    const FOLLOW_TICK_MS = 1500;
    const FOLLOW_MS = 45000;
    const QUEUED = "#unsynced tr[data-state='queued']";
    const panel = document.getElementById("push-progress");
    const labels = { running: "Running", finished: "Finished", cancelled: "Cancelled" };
    const sleep = (ms) => new Promise((resolve) => window.setTimeout(resolve, ms));
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

    // Only the list and the counts are replaced: the panel keeps its final numbers, a half-typed search is kept, and so
    // are the rows someone has ticked meanwhile.
    const reloadList = async () => {
        const response = await fetch(window.location.href, { credentials: "same-origin" });
        if (!response.ok) return;
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
        const ticked = [...document.querySelectorAll("#unsynced-list input[type='checkbox']:checked")].map((box) => box.id);
        for (const id of ["unsynced-list", "unsynced-count", "nav-unsynced-count", "push-all-form"]) {
            const now = document.getElementById(id);
            const next = fresh.getElementById(id);
            if (now && next) now.replaceWith(next);
            else if (now && !next) now.remove();
        }
        for (const id of ticked) {
            const box = document.getElementById(id);
            if (box) box.checked = true;
        }
    };

    // Bounded: a row that stays queued (QuickBooks slow, the grain busy) is shown as it is after FOLLOW_MS, no longer polled.
    const followPayments = async () => {
        const until = Date.now() + FOLLOW_MS;
        while (document.querySelector(QUEUED) && Date.now() < until) {
            await sleep(FOLLOW_TICK_MS);
            try {
                await reloadList();
            } catch {
                // Asked again on the next tick, within the limit.
            }
        }
    };

    const poll = async () => {
        try {
            const response = await fetch(panel.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
            // Signed out or the run is gone: asking again would not change the answer.
            if (!response.ok && response.status < 500) return;
            if (response.ok) {
                const run = await response.json();
                show(run);
                if (run.state !== "running") {
                    document.getElementById("push-cancel-form")?.remove();
                    await reloadList();
                    await followPayments();
                    return;
                }
            }
        } catch {
            // A dropped request (the app restarting, the network) is asked again on the next tick.
        }
        window.setTimeout(poll, TICK_MS);
    };

    if (panel && panel.dataset.state === "running") window.setTimeout(poll, TICK_MS);
    else followPayments();
})();
