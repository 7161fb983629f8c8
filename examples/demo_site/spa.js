// A minimal single-page router: pushState on click, popstate on back/forward.
function show(path) {
  document.getElementById("title").textContent = "App: " + path.split("/").pop();
}
document.querySelectorAll("[data-route]").forEach(function (button) {
  button.addEventListener("click", function () {
    history.pushState({}, "", button.dataset.route);
    show(button.dataset.route);
  });
});
window.addEventListener("popstate", function () { show(location.pathname); });
