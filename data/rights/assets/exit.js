// The quick exit of the public pages: leave with replace(), so the Back button does not bring the
// page back, through /leave, which tells the browser to clear what the site stored and sends it on
// to a neutral site; pressing Shift three times does the same. Without this script the quick exit
// is still a plain link to /leave.
(() => {
  const site = '/leave';
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
