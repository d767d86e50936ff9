// yxnlp show: clicking a table row or a mention link marks its span in the text.
function markRef(ref) {
  document.querySelectorAll('.marked').forEach(function (e) { e.classList.remove('marked'); });
  var els = document.querySelectorAll('#text mark[data-ref="' + ref + '"]');
  els.forEach(function (e) { e.classList.add('marked'); });
  if (els.length) { els[0].scrollIntoView({block: 'center', inline: 'nearest'}); }
  return els.length;
}
document.addEventListener('click', function (ev) {
  var link = ev.target.closest('a.jump');
  var row = ev.target.closest('tr.row');
  if (!link && !row) { return; }
  ev.preventDefault();
  document.querySelectorAll('tr.selected').forEach(function (e) {
    e.classList.remove('selected');
  });
  if (row) { row.classList.add('selected'); }
  markRef((link || row).getAttribute('data-ref'));
});
document.querySelectorAll('#layers input').forEach(function (box) {
  box.addEventListener('change', function () {
    document.body.classList.toggle('hide-' + box.value, !box.checked);
  });
});
// Open at an item: the address's fragment (page.html#i12) or the page's data-focus (yxnlp show
// --ref); an entity id (e3) opens at its first mention.
function focusRef(ref) {
  if (!ref) { return; }
  var row = document.querySelector('tr.row[data-ref="' + ref + '"]')
    || document.querySelector('tr.row[data-ref="' + ref + '-m0"]');
  document.querySelectorAll('tr.selected').forEach(function (e) {
    e.classList.remove('selected');
  });
  if (row) {
    row.classList.add('selected');
    row.scrollIntoView({block: 'nearest'});
    ref = row.getAttribute('data-ref');
  }
  markRef(ref);
}
window.addEventListener('hashchange', function () {
  focusRef(decodeURIComponent(location.hash.slice(1)));
});
focusRef(decodeURIComponent(location.hash.slice(1)) || document.body.getAttribute('data-focus'));
