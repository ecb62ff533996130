// storyline: progressive enhancement only; every page works without this file.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  // Filters submit themselves when changed (the button stays for no-script use).
  for (const select of document.querySelectorAll('select[data-autosubmit]')) {
    select.addEventListener('change', () => select.form && select.form.submit());
  }
  // A link to an article on the story page opens the folded copies it sits in.
  const open = () => {
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (!target) return;
    for (let el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === 'DETAILS') el.open = true;
    }
    target.classList.add('target');
  };
  window.addEventListener('hashchange', open);
  open();
});
