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
