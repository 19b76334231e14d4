// The invoice and bill line editor. Loaded as a file (never inline) so a strict Content-Security-Policy allows it.
// Choosing a cost type ticks the line's Taxable box as that type's default (its option carries data-taxable),
// unless the user has already set the box on that line by hand: their choice wins.
"use strict";
document.addEventListener("change", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLElement)) return;
    const row = field.closest("table.lines tbody tr");
    if (!row) return;
    const box = row.querySelector("input[type=checkbox][name$='.Taxable']");
    if (!box) return;
    if (field === box) {
        box.dataset.setByHand = "true";
        return;
    }
    if (field instanceof HTMLSelectElement && field.name.endsWith(".CostTypeId") && !box.dataset.setByHand) {
        const taxable = field.selectedOptions[0]?.dataset.taxable;
        if (taxable !== undefined) box.checked = taxable === "true";
    }
});
