// The quick exit of the rights pages: leave for a neutral site with replace(), so the Back button
// does not bring the page back; pressing Shift three times does the same. Without this script the
// quick exit is still a plain link.
(() => {
  const site = 'https://weather.gc.ca/';
  const leave = (event) => {
    if (event) event.preventDefault();
    document.title = 'Weather';
    document.body.textContent = '';
    window.location.replace(site);
  };
  document.querySelector('[data-quick-exit]')?.addEventListener('click', leave);
  let presses = [];
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Shift' || event.repeat) return;
    const now = Date.now();
    presses = [...presses.filter((at) => now - at < 1500), now];
    if (presses.length >= 3) leave();
  });
})();
