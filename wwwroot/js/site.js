// Progressive enhancement only: every link works without this script.
// Permalink links copy the section's permanent URL instead of navigating, when the clipboard is available.
document.addEventListener("click", async (event) => {
  const link = event.target instanceof Element ? event.target.closest("a.permalink[data-copy]") : null;
  if (!link || !navigator.clipboard || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  try {
    await navigator.clipboard.writeText(link.dataset.copy);
    link.classList.add("copied");
    link.setAttribute("aria-live", "polite");
    const label = link.textContent;
    link.textContent = document.documentElement.lang === "zh-Hans" ? "已复制链接" : "已複製連結";
    setTimeout(() => { link.textContent = label; link.classList.remove("copied"); }, 2000);
  } catch {
    window.location.href = link.href;   // no permission: behave like the plain link
  }
});
