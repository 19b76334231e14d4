// The pages run no inline script (the Content-Security-Policy forbids it): a form or button with
// data-confirm="question" asks before it submits.
document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
        event.preventDefault();
    }
});
